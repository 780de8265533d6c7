"""Serve a skill on loopback for a test: a real uvicorn server in a background thread.

::

    from simulator.remote.testing import served
    from simulator.remote.signing import Secret

    secret = Secret(b"a test secret of 32 characters..", "test")
    with served(create_app(skill, secret)) as url:
        ...  # talk to url with RemoteClient, or load a manifest with url=url

The socket is bound before the server starts (port 0: the system picks a free port), so there is
no race for the port and the server is ready when the block starts.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["served"]


@contextmanager
def served(app: Any, *, timeout: float = 10.0) -> Iterator[str]:
    """Run ``app`` (an ASGI app) on 127.0.0.1 at a free port; yields its URL."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="off", access_log=False, timeout_graceful_shutdown=2
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="served-skill", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
