"""Signing envelopes: HMAC-SHA256 over the timestamp and the body, with a per-skill shared secret.

Every request (and every response) carries two headers::

    X-Speaker-Sim-Timestamp: 1780300800
    X-Speaker-Sim-Signature: v1=5d41402abc4b2a76b9719d911017c592...

The signature is ``HMAC-SHA256(secret, f"{timestamp}." + body)`` in hex. Signing the exact body
bytes means any change to the body breaks it; signing the timestamp with it means an old request
cannot be sent again later with a fresh timestamp. The receiver refuses a timestamp outside a
small window (default 60 s) and remembers the signatures it accepted within the window, so the
same request sent twice is refused too (`ReplayGuard`; per process, see its docstring).

Secrets come only from a file or an environment variable (`load_secret`), never from the command
line (which other users of the machine can read in the process list), and they are never logged
or put in a turn: `Secret` hides its value from ``repr`` and ``str``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MIN_SECRET_LENGTH",
    "REPLAY_WINDOW",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "ReplayGuard",
    "Secret",
    "SecretError",
    "SignatureError",
    "load_secret",
    "sign",
    "verify",
]

SIGNATURE_HEADER = "X-Speaker-Sim-Signature"
"""The header carrying ``v1=<hex digest>``."""
TIMESTAMP_HEADER = "X-Speaker-Sim-Timestamp"
"""The header carrying the signing time in Unix seconds."""
REPLAY_WINDOW = 60.0
"""Seconds either side of the receiver's clock within which a timestamp is accepted."""
MIN_SECRET_LENGTH = 16
"""A shorter secret is refused: it could be guessed."""

_SCHEME = "v1="


class SecretError(ValueError):
    """A secret could not be loaded (missing variable or file, too short)."""


class SignatureError(ValueError):
    """A signature check failed; ``code`` says which check."""

    def __init__(self, code: str, message: str) -> None:
        """``code`` is ``MISSING_SIGNATURE``, ``BAD_SIGNATURE``, ``STALE_TIMESTAMP`` or ``REPLAYED``."""
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class Secret:
    """A shared secret. Its value never shows in ``repr``, ``str``, logs or tracebacks."""

    value: bytes
    source: str
    """Where it came from (``env SPEAKER_SIM_SECRET``, ``file secret.txt``): safe to show."""

    def __repr__(self) -> str:
        return f"Secret(<redacted>, source={self.source!r})"

    __str__ = __repr__


def load_secret(*, env: str | None = None, file: str | Path | None = None) -> Secret:
    """Read a secret from the environment variable ``env`` or the file ``file`` (exactly one).

    Surrounding whitespace (a trailing newline in a file) is not part of the secret.
    """
    if (env is None) == (file is None):
        raise SecretError("give the secret's source: an environment variable or a file")
    if env is not None:
        text = os.environ.get(env)
        source = f"environment variable {env}"
        if text is None:
            raise SecretError(f"the {source} is not set")
    else:
        path = Path(str(file))
        source = f"file {path}"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SecretError(f"the secret {source} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SecretError(f"cannot read the secret {source}: {type(exc).__name__}") from None
    text = text.strip()
    if len(text) < MIN_SECRET_LENGTH:
        raise SecretError(
            f"the secret in the {source} is {'empty' if not text else 'too short'}: "
            f"use at least {MIN_SECRET_LENGTH} characters (e.g. python -c "
            "'import secrets; print(secrets.token_hex(16))')"
        )
    return Secret(text.encode("utf-8"), source)


def _digest(secret: Secret, timestamp: str, body: bytes) -> str:
    return hmac.new(
        secret.value, timestamp.encode("ascii") + b"." + body, hashlib.sha256
    ).hexdigest()


def sign(secret: Secret, body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The two headers that sign ``body`` now (or at ``timestamp``)."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: _SCHEME + _digest(secret, stamp, body)}


def verify(
    secret: Secret,
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    *,
    window: float = REPLAY_WINDOW,
    now: float | None = None,
) -> int:
    """Check a body's signature headers; returns the timestamp or raises `SignatureError`."""
    if not timestamp or not signature:
        missing = TIMESTAMP_HEADER if not timestamp else SIGNATURE_HEADER
        raise SignatureError("MISSING_SIGNATURE", f"the {missing} header is missing")
    try:
        stamp = int(timestamp)
    except ValueError:
        raise SignatureError(
            "STALE_TIMESTAMP", f"the {TIMESTAMP_HEADER} header is not a number of seconds"
        ) from None
    current = time.time() if now is None else now
    if abs(current - stamp) > window:
        raise SignatureError(
            "STALE_TIMESTAMP",
            f"the request was signed {current - stamp:+.0f} s from now; the window is "
            f"±{window:g} s (a replayed request, or a clock that is off)",
        )
    expected = _SCHEME + _digest(secret, timestamp, body)
    # compare_digest takes as long for a near miss as for a far one, so timing reveals nothing.
    if not hmac.compare_digest(
        expected.encode("ascii"), signature.strip().encode("ascii", "replace")
    ):
        raise SignatureError(
            "BAD_SIGNATURE", "the signature does not match the body (wrong secret, or altered)"
        )
    return stamp


class ReplayGuard:
    """Remembers accepted signatures for the replay window and refuses a repeat.

    Memory is per process: behind a load balancer with several replicas, a request replayed to
    another replica within the window is caught only by the timestamp window, not here. A shared
    store (Redis, a database) would close that gap; the window keeps it small.
    """

    def __init__(self, window: float = REPLAY_WINDOW, capacity: int = 100_000) -> None:
        """Keep at most ``capacity`` signatures, each for twice ``window`` seconds."""
        self.window = window
        self.capacity = capacity
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, signature: str, now: float | None = None) -> None:
        """Raise `SignatureError` (``REPLAYED``) if ``signature`` was accepted before."""
        current = time.monotonic() if now is None else now
        with self._lock:
            # A timestamp may be up to ``window`` old or ahead, so twice the window covers it.
            while self._seen and next(iter(self._seen.values())) < current - 2 * self.window:
                self._seen.popitem(last=False)
            if signature in self._seen:
                raise SignatureError("REPLAYED", "this exact request was already received")
            self._seen[signature] = current
            while len(self._seen) > self.capacity:
                self._seen.popitem(last=False)
