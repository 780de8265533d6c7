"""``speaker-sim serve``: an SDK skill as a signed-envelope web service (Starlette on uvicorn).

Two endpoints:

``POST /``
    A signed `RequestEnvelope`; answers a signed `ResponseEnvelope` (200) or
    ``{"error": {"code", "message"}}`` with 400 (bad request), 401 (signature), 413 (body too
    large), 415 (not JSON) or 500 (the skill failed or timed out).
``GET /health``
    ``{"status": "ok", "skill": ..., "version": ...}`` for load balancers and the impatient.

Each request is checked in order of cost: size, signature and replay, JSON, version, schema;
nothing unauthenticated is parsed. Every handler runs under a timeout. uvicorn shuts down
gracefully on Ctrl-C or SIGTERM: it stops accepting, lets requests in flight finish (up to 5 s),
then exits. The log says one line per request (id, type, status, time) and never the secret.

Needs the optional extra: ``pip install 'speaker-sim[remote]'``.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from simulator.remote.envelope import (
    ENVELOPE_VERSION,
    RequestEnvelope,
    UnsupportedVersion,
    check_version,
)
from simulator.remote.service import ServiceError, SkillService, first_error
from simulator.remote.signing import (
    REPLAY_WINDOW,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    ReplayGuard,
    Secret,
    SecretError,
    SignatureError,
    load_secret,
    sign,
    verify,
)
from simulator.sdk.skill import Skill

if TYPE_CHECKING:
    from starlette.responses import JSONResponse

__all__ = [
    "DEFAULT_SECRET_ENV",
    "DEFAULT_TIMEOUT",
    "MAX_BODY_BYTES",
    "MissingExtra",
    "app_from_environment",
    "create_app",
    "load_served_skill",
    "serve",
    "serve_command",
]

MAX_BODY_BYTES = 1_000_000
"""The largest request body accepted (1 MB); a larger one is refused with 413 unread."""
DEFAULT_SECRET_ENV = "SPEAKER_SIM_SECRET"
"""The environment variable ``serve`` reads the secret from unless told otherwise."""
DEFAULT_TIMEOUT = 5.0
"""Seconds a handler may run before the service answers 500 ``SKILL_TIMEOUT``."""

_log = logging.getLogger("speaker_sim.serve")

# How a parent process hands the skill and the secret's *source* (never the secret) to uvicorn
# worker processes, which import the app by name.
_ENV_SKILL = "SPEAKER_SIM_SERVE_SKILL"
_ENV_SKILL_NAME = "SPEAKER_SIM_SERVE_SKILL_NAME"
_ENV_SECRET_ENV = "SPEAKER_SIM_SERVE_SECRET_ENV"
_ENV_SECRET_FILE = "SPEAKER_SIM_SERVE_SECRET_FILE"
_ENV_TIMEOUT = "SPEAKER_SIM_SERVE_TIMEOUT"


class MissingExtra(RuntimeError):
    """The ``remote`` extra (starlette, uvicorn, httpx) is not installed."""


def _require_extra() -> None:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(
            f"serving a skill needs the optional 'remote' extra ({exc.name} is not installed): "
            "pip install 'speaker-sim[remote]'"
        ) from None


def load_served_skill(path: str | Path, name: str | None = None) -> Skill:
    """The skill to serve from a ``.py`` file, a package directory or a ``.yaml`` skill file.

    Raises ``SkillLoadError`` (``FILE:LINE: cause``) when it cannot be loaded.
    """
    from simulator.loader import SkillLoadError, load_skill_file

    skills = load_skill_file(Path(path))
    if name is not None:
        chosen = [s for s in skills if s.name == name]
        if not chosen:
            names = ", ".join(s.name for s in skills)
            raise SkillLoadError(str(path), None, f"no skill named {name!r} here (found: {names})")
        return chosen[0]
    if len(skills) > 1:
        names = ", ".join(s.name for s in skills)
        raise SkillLoadError(str(path), None, f"several skills ({names}): choose one with --skill")
    return skills[0]


def _error(status: int, code: str, message: str) -> JSONResponse:
    from starlette.responses import JSONResponse

    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def _read_body(receive_stream: Any, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past ``limit`` (the rest is never buffered)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in receive_stream:
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(
    skill: Skill,
    secret: Secret,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_body: int = MAX_BODY_BYTES,
    window: float = REPLAY_WINDOW,
) -> Any:
    """The Starlette app serving ``skill``, checking signatures with ``secret``."""
    _require_extra()
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.responses import Response as HttpResponse
    from starlette.routing import Route

    service = SkillService(skill, timeout=timeout)
    guard = ReplayGuard(window)

    async def health(request: Request) -> HttpResponse:
        return JSONResponse({"status": "ok", "skill": skill.name, "version": ENVELOPE_VERSION})

    async def handle(request: Request) -> HttpResponse:
        started = time.perf_counter()
        outcome: dict[str, Any] = {"request_id": "-", "type": "-"}
        response = await _handle(request, outcome)
        _log.info(
            "%s %s %s %d %.1f ms",
            skill.name,
            outcome["request_id"],
            outcome["type"],
            response.status_code,
            (time.perf_counter() - started) * 1000,
        )
        return response

    async def _handle(request: Request, outcome: dict[str, Any]) -> HttpResponse:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_body):
            return _error(413, "BODY_TOO_LARGE", f"the body is over the {max_body} byte limit")
        body = await _read_body(request.stream(), max_body)
        if body is None:
            return _error(413, "BODY_TOO_LARGE", f"the body is over the {max_body} byte limit")
        try:
            signed_at = verify(
                secret,
                body,
                request.headers.get(TIMESTAMP_HEADER),
                request.headers.get(SIGNATURE_HEADER),
                window=window,
            )
            guard.check(request.headers.get(SIGNATURE_HEADER, ""))
        except SignatureError as exc:
            return _error(401, exc.code, str(exc))
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return _error(400, "MALFORMED_JSON", f"the body is not JSON: {exc}")
        if isinstance(data, dict):
            version = data.get("version")
            if isinstance(version, str) and version.split(".")[0].isdigit():
                try:
                    check_version(version)
                except UnsupportedVersion as exc:
                    return _error(400, "UNSUPPORTED_VERSION", str(exc))
        try:
            envelope = RequestEnvelope.model_validate_json(body)
        except ValidationError as exc:
            return _error(400, "INVALID_REQUEST", first_error(exc))
        outcome.update(request_id=envelope.request_id, type=envelope.request.type)
        if envelope.timestamp != signed_at:
            # Both are signed, but only the header's is checked against the window: a body that
            # claims another time is not what the speaker sent.
            return _error(
                400,
                "INVALID_REQUEST",
                f"timestamp: {envelope.timestamp} differs from the signed header's {signed_at}",
            )
        try:
            answer = await service.handle(envelope)
            payload = answer.model_dump_json().encode("utf-8")
        except ServiceError as exc:
            return _error(exc.status, exc.code, exc.message)
        except PydanticSerializationError as exc:
            return _error(500, "SKILL_ERROR", f"the response cannot be written as JSON: {exc}")
        return HttpResponse(payload, media_type="application/json", headers=sign(secret, payload))

    async def not_found(request: Request, exc: Exception) -> HttpResponse:
        return _error(404, "NOT_FOUND", "POST envelopes to / ; GET /health")

    async def not_allowed(request: Request, exc: Exception) -> HttpResponse:
        return _error(405, "METHOD_NOT_ALLOWED", "POST envelopes to / ; GET /health")

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[HttpResponse]]] = {
        404: not_found,
        405: not_allowed,
    }
    return Starlette(
        routes=[
            Route("/", handle, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        exception_handlers=handlers,
    )


def app_from_environment() -> Any:
    """The app for a uvicorn worker process, from what `serve` put in the environment."""
    skill = load_served_skill(os.environ[_ENV_SKILL], os.environ.get(_ENV_SKILL_NAME) or None)
    secret_file = os.environ.get(_ENV_SECRET_FILE)
    secret = (
        load_secret(file=secret_file)
        if secret_file
        else load_secret(env=os.environ[_ENV_SECRET_ENV])
    )
    return create_app(skill, secret, timeout=float(os.environ[_ENV_TIMEOUT]))


def serve(
    skill_path: str | Path,
    *,
    port: int,
    host: str = "127.0.0.1",
    skill_name: str | None = None,
    secret_env: str | None = None,
    secret_file: str | Path | None = None,
    workers: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    log_level: str = "info",
) -> None:
    """Serve a skill until Ctrl-C or SIGTERM. Loads the skill and the secret first, so a bad
    file or a missing secret is reported before anything listens."""
    _require_extra()
    import uvicorn

    skill = load_served_skill(skill_path, skill_name)
    secret = load_secret(file=secret_file) if secret_file else load_secret(env=secret_env)
    logging.basicConfig(level=log_level.upper(), format="%(message)s")
    print(
        f"Serving skill {skill.name!r} ({len(skill.intents)} intents) at http://{host}:{port}/ "
        f"with {workers} worker{'s' if workers != 1 else ''}; secret from the {secret.source}. "
        "Ctrl-C stops.",
        flush=True,
    )
    common: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": log_level,
        "access_log": False,  # our own one line per request says more, and never headers
        "timeout_graceful_shutdown": 5,
    }
    if workers == 1:
        uvicorn.run(create_app(skill, secret, timeout=timeout), **common)
        return
    # Worker processes import the app by name and rebuild it from the environment: the skill's
    # path and the secret's source travel, the secret itself does not.
    os.environ[_ENV_SKILL] = str(Path(skill_path).resolve())
    os.environ[_ENV_SKILL_NAME] = skill.name
    os.environ[_ENV_TIMEOUT] = str(timeout)
    if secret_file:
        os.environ[_ENV_SECRET_FILE] = str(Path(secret_file).resolve())
    else:
        os.environ[_ENV_SECRET_ENV] = str(secret_env)
    uvicorn.run(
        "simulator.remote.server:app_from_environment", factory=True, workers=workers, **common
    )


def serve_command(args: Any) -> int:
    """``speaker-sim serve``: check the options, then serve; returns the exit status."""
    import sys

    def fail(message: str) -> int:
        print(f"speaker-sim serve: error: {message}", file=sys.stderr)
        return 2

    if not 0 < args.port < 65536:
        return fail(f"--port {args.port}: a port is a number from 1 to 65535")
    if not 1 <= args.workers <= 32:
        return fail(f"--workers {args.workers}: from 1 to 32")
    if not 0 < args.timeout <= 300:
        return fail(f"--timeout {args.timeout:g}: seconds, more than 0 and at most 300")
    if args.secret_file is not None and args.secret_env is not None:
        return fail("give --secret-file or --secret-env, not both")
    if getattr(args, "print_manifest", False):
        # What the speaker needs to know to use this skill: no extra, no secret, no server.
        from simulator.remote.manifest import manifest_for

        skill = load_served_skill(args.skill_path, args.skill)
        source = (
            {"file": str(args.secret_file)}
            if args.secret_file
            else {"env": args.secret_env or DEFAULT_SECRET_ENV}
        )
        url = args.url or f"http://{args.host}:{args.port}/"
        try:
            print(manifest_for(skill, url=url, secret=source), end="")
        except ValueError as exc:
            return fail(str(exc))
        return 0
    try:
        serve(
            args.skill_path,
            port=args.port,
            host=args.host,
            skill_name=args.skill,
            secret_env=None if args.secret_file else (args.secret_env or DEFAULT_SECRET_ENV),
            secret_file=args.secret_file,
            workers=args.workers,
            timeout=args.timeout,
        )
    except (MissingExtra, SecretError) as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        # uvicorn has already shut down gracefully and hands Ctrl-C back: a normal way to stop.
        pass
    return 0
