"""The speaker side of a remote skill: POST a signed envelope, check what comes back.

`RemoteClient.call` never raises for anything the service or the network does. Every failure
becomes an `Exchange` with one of four error codes, which the remote skill turns into an apology
while the session goes on:

=======================  ===============================================================
``REMOTE_UNREACHABLE``   nothing listens there, the host name does not resolve, ...
``REMOTE_TIMEOUT``       no answer within the skill's timeout
``REMOTE_HTTP_ERROR``    an HTTP status other than 200 (the service's own error code is quoted)
``REMOTE_BAD_RESPONSE``  not JSON, unsigned or badly signed, unknown fields or wrong types,
                         a newer major version, an answer to another request, too large,
                         or the connection closed before a whole answer
=======================  ===============================================================

Each exchange records the request and the response for the turn's trace, with the signature
redacted; the secret itself is never in it.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from simulator.remote.envelope import (
    ErrorBody,
    RequestEnvelope,
    ResponseEnvelope,
    UnsupportedVersion,
    check_version,
)
from simulator.remote.service import first_error
from simulator.remote.signing import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    Secret,
    SignatureError,
    sign,
    verify,
)

__all__ = ["MAX_RESPONSE_BYTES", "Exchange", "RemoteClient"]

MAX_RESPONSE_BYTES = 1_000_000
"""The largest response read (1 MB); a larger one is a bad response."""

_TRACE_RAW_CHARS = 2000


@dataclass
class Exchange:
    """One request to a service and what came of it."""

    url: str
    request: dict[str, Any]
    """The request envelope as sent (JSON)."""
    response: ResponseEnvelope | None = None
    """The validated response; None when the call failed."""
    error: tuple[str, str] | None = None
    """``(code, message)`` when the call failed."""
    status: int | None = None
    """The HTTP status, when one arrived."""
    ms: float = 0.0
    """Round-trip time."""
    raw: str | None = None
    """The start of a response body that could not be used (for the trace)."""
    timestamp: str = ""

    def trace(self) -> dict[str, Any]:
        """The exchange for the turn's trace: request, response, status, time; signature redacted."""
        out: dict[str, Any] = {
            "url": self.url,
            "status": self.status,
            "ms": round(self.ms, 3),
            "headers": {TIMESTAMP_HEADER: self.timestamp, SIGNATURE_HEADER: "<redacted>"},
            "request": self.request,
        }
        if self.response is not None:
            out["response"] = self.response.model_dump(mode="json")
        elif self.raw is not None:
            out["response_raw"] = self.raw
        if self.error is not None:
            out["error"] = {"code": self.error[0], "message": self.error[1]}
        return out


class RemoteClient:
    """Calls one remote skill's service. Thread-safe; keeps connections alive between calls.

    ``timeout`` bounds connecting and each read (seconds). Proxy settings from the environment
    are ignored on purpose: a simulator's calls should go where its manifest says.
    """

    def __init__(self, url: str, secret: Secret, *, timeout: float = 3.0) -> None:
        """A client for the service at ``url``."""
        self.url = url
        self.timeout = timeout
        self._secret = secret
        self._http: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RemoteClient({self.url!r}, timeout={self.timeout:g})"

    def _client(self) -> Any:
        import httpx

        with self._lock:
            if self._http is None:
                # Certificates are loaded only for https: building a verifying SSL context
                # costs a few hundred milliseconds that a plain-http loopback call never needs.
                self._http = httpx.Client(
                    timeout=httpx.Timeout(self.timeout),
                    trust_env=False,
                    follow_redirects=False,
                    verify=self.url.lower().startswith("https:"),
                )
            return self._http

    def close(self) -> None:
        """Close kept-alive connections."""
        with self._lock:
            if self._http is not None:
                self._http.close()
                self._http = None

    def call(self, envelope: RequestEnvelope) -> Exchange:
        """Send ``envelope``; returns the exchange (never raises for the service's failures)."""
        try:
            import httpx
        except ImportError:
            body = json.loads(envelope.model_dump_json())
            return Exchange(
                self.url,
                body,
                error=(
                    "REMOTE_UNREACHABLE",
                    "remote skills need the optional 'remote' extra: "
                    "pip install 'speaker-sim[remote]'",
                ),
            )
        payload = envelope.model_dump_json().encode("utf-8")
        headers = sign(self._secret, payload, envelope.timestamp)
        exchange = Exchange(self.url, json.loads(payload), timestamp=headers[TIMESTAMP_HEADER])
        http = self._client()
        started = time.perf_counter()
        try:
            with http.stream(
                "POST",
                self.url,
                content=payload,
                headers={**headers, "Content-Type": "application/json"},
            ) as reply:
                exchange.status = reply.status_code
                body = b""
                for chunk in reply.iter_bytes():
                    body += chunk
                    if len(body) > MAX_RESPONSE_BYTES:
                        exchange.error = (
                            "REMOTE_BAD_RESPONSE",
                            f"the response is over the {MAX_RESPONSE_BYTES} byte limit",
                        )
                        return exchange
                reply_headers = reply.headers
        except httpx.TimeoutException:
            exchange.error = ("REMOTE_TIMEOUT", f"no answer from {self.url} in {self.timeout:g} s")
            return exchange
        except httpx.RemoteProtocolError as exc:
            exchange.error = (
                "REMOTE_BAD_RESPONSE",
                f"{self.url} closed the connection without a whole answer ({exc})",
            )
            return exchange
        except httpx.HTTPError as exc:
            exchange.error = ("REMOTE_UNREACHABLE", f"cannot reach {self.url}: {exc}")
            return exchange
        finally:
            exchange.ms = (time.perf_counter() - started) * 1000
        self._check(exchange, body, reply_headers, envelope.request_id)
        return exchange

    def _check(self, exchange: Exchange, body: bytes, headers: Any, request_id: str) -> None:
        """Validate a reply that arrived; sets ``response`` or ``error`` on ``exchange``."""

        def bad(message: str) -> None:
            exchange.error = ("REMOTE_BAD_RESPONSE", message)
            exchange.raw = body[:_TRACE_RAW_CHARS].decode("utf-8", "replace")

        if exchange.status != 200:
            detail = ""
            try:
                error = ErrorBody.model_validate_json(body).error
                detail = f" {error.code}: {error.message}"
            except ValidationError:
                pass
            exchange.error = (
                "REMOTE_HTTP_ERROR",
                f"HTTP {exchange.status} from {self.url}{detail}",
            )
            exchange.raw = body[:_TRACE_RAW_CHARS].decode("utf-8", "replace")
            return
        try:
            verify(
                self._secret,
                body,
                headers.get(TIMESTAMP_HEADER),
                headers.get(SIGNATURE_HEADER),
            )
        except SignatureError as exc:
            return bad(f"the response's signature: {exc}")
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return bad(f"the response is not JSON: {exc}")
        if isinstance(data, dict) and isinstance(data.get("version"), str):
            try:
                check_version(data["version"])
            except (UnsupportedVersion, ValueError) as exc:
                return bad(str(exc))
        try:
            response = ResponseEnvelope.model_validate_json(body)
        except ValidationError as exc:
            return bad(f"the response does not fit the envelope: {first_error(exc)}")
        if response.request_id != request_id:
            return bad(f"the response answers request {response.request_id!r}, not {request_id!r}")
        exchange.response = response
