"""Remote skills: the envelope, signatures, the served skill over real HTTP on loopback, and the
speaker surviving every way a service can fail."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response as HttpResponse
from starlette.routing import Route

from simulator.cli import main
from simulator.clock import Clock
from simulator.loader import SkillLoadError, load_skills
from simulator.remote.client import RemoteClient
from simulator.remote.envelope import (
    ENVELOPE_VERSION,
    DeviceCommandDirective,
    EventRequest,
    HelpRequest,
    IntentInfo,
    IntentRequest,
    LaunchRequest,
    RequestEnvelope,
    ResponseEnvelope,
    ScheduledItemInfo,
    SessionEndedRequest,
    UnsupportedVersion,
    check_version,
)
from simulator.remote.manifest import load_manifest
from simulator.remote.proxy import RemoteCaller
from simulator.remote.server import create_app
from simulator.remote.signing import (
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
from simulator.remote.testing import served
from simulator.sdk import Response, Session, Skill, SkillContext
from simulator.sdk.context import SkillClock
from simulator.sdk.testing import Conversation

SECRET_TEXT = "test-secret-0123456789abcdef"
SECRET = Secret(SECRET_TEXT.encode(), "test")
NOW = dt.datetime(2026, 6, 1, 9, 0, 0)
TEA = Path(__file__).resolve().parent.parent / "examples" / "remote_tea" / "service" / "tea.py"

# -- a small served skill for the failure tests ------------------------------------------------

probe = Skill("probe", description="A skill for testing the remote path")


class Echo(BaseModel):
    word: str


@probe.intent("Echo", samples=["echo {word}"])
def echo(ctx: SkillContext, slots: Echo) -> Response:
    """Say the word back and remember it in the session."""
    ctx.session.attributes["last"] = slots.word
    return Response.speak(f"You said {slots.word}.").keep_session()


@probe.intent("Nap", samples=["take a nap"])
def nap(ctx: SkillContext) -> Response:
    """Too slow for any timeout in these tests."""
    time.sleep(1.5)
    return Response.speak("Slept.")


@probe.intent("Crash", samples=["crash now"])
def crash(ctx: SkillContext) -> Response:
    """A handler with a bug."""
    raise ZeroDivisionError("the skill divided by zero")


@probe.intent("Lamp", samples=["switch on the {word}"])
def lamp(ctx: SkillContext, slots: Echo) -> Response:
    """Command a device through a directive (a service has no home)."""
    return Response.speak("Done.").directive("device_command", target=slots.word, command="turn_on")


@probe.intent("BadDirective", samples=["do something odd"])
def bad_directive(ctx: SkillContext) -> Response:
    """A directive the envelope does not know."""
    return Response.speak("Hm.").directive("teleport", where="mars")


MANIFEST = """\
skill: probe
description: A skill for testing the remote path
url: {url}
secret: {{env: PROBE_SECRET}}
timeout: {timeout}
lists:
  word: [hello, banana, kitchen light, garden gnome]
intents:
  Echo:
    samples: ["echo {{word}}"]
    slots: {{word: {{type: word}}}}
  Nap:
    samples: ["take a nap"]
  Crash:
    samples: ["crash now"]
  Lamp:
    samples: ["switch on the {{word}}"]
    slots: {{word: {{type: word}}}}
  BadDirective:
    samples: ["do something odd"]
"""

hello = Skill("greeter", description="An in-process skill next to the remote one")


@hello.intent("Greet", samples=["good morning"])
def greet(ctx: SkillContext) -> Response:
    """Still answers after a remote skill failed."""
    return Response.speak("Good morning!")


@pytest.fixture(autouse=True)
def probe_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROBE_SECRET", SECRET_TEXT)


@pytest.fixture(scope="module")
def probe_url() -> Iterator[str]:
    with served(create_app(probe, SECRET, timeout=1.0)) as url:
        yield url


def remote_probe(tmp_path: Path, url: str, timeout: float = 3.0) -> Skill:
    path = tmp_path / "probe.yaml"
    path.write_text(MANIFEST.format(url=url, timeout=timeout), encoding="utf-8")
    return load_manifest(path)


def conversation(skill: Skill, home: str | None = None) -> Conversation:
    return Conversation(skills=[skill, hello], now=NOW, home=home)


def envelope(request: Any = None, **changes: Any) -> RequestEnvelope:
    data: dict[str, Any] = {
        "request_id": "r-" + str(time.perf_counter_ns()),
        "timestamp": int(time.time()),
        "session": {"id": "s1", "new": True, "attributes": {"a": [1, 2]}},
        "context": {
            "user": {"id": "u"},
            "device": {"id": "d", "room": "kitchen"},
            "now": NOW.isoformat(),
        },
        "request": request
        or {"type": "intent", "intent": {"name": "Echo", "slots": {"word": {"value": "hello"}}}},
    }
    data.update(changes)
    return RequestEnvelope.model_validate(data)


def signed(body: bytes, secret: Secret = SECRET) -> dict[str, str]:
    """Signature headers for ``body``, at the envelope's own timestamp when it has one (the
    service checks that they agree)."""
    try:
        stamp = json.loads(body).get("timestamp")
    except (ValueError, AttributeError):
        stamp = None
    return sign(secret, body, stamp if isinstance(stamp, int) else None)


def post(url: str, body: bytes, secret: Secret = SECRET) -> httpx.Response:
    return httpx.post(url, content=body, headers=signed(body, secret), timeout=5, trust_env=False)


# -- the envelope ------------------------------------------------------------------------------


def test_every_request_kind_survives_a_round_trip_through_json() -> None:
    item = ScheduledItemInfo(id="timer-1", label="tea", due=NOW, payload={"tea": "green"})
    kinds = [
        LaunchRequest(),
        HelpRequest(),
        SessionEndedRequest(),
        EventRequest(item=item),
        IntentRequest(intent=IntentInfo(name="Brew", slots={}), text="brew a tea"),
    ]
    for kind in kinds:
        original = envelope(kind.model_dump(mode="json"))
        again = RequestEnvelope.model_validate_json(original.model_dump_json())
        assert again == original
        assert again.request.type == kind.type


def test_a_response_with_every_directive_survives_a_round_trip() -> None:
    original = ResponseEnvelope.model_validate(
        {
            "request_id": "r1",
            "speech": "Hi.",
            "reprompt": "Well?",
            "card": {"title": "T", "text": "x"},
            "end_session": False,
            "session_attributes": {"k": {"nested": [1, "two"]}},
            "persistent_attributes": {"cups": 3},
            "error": {"code": "OUT_OF_TEA", "message": "none left"},
            "directives": [
                {"type": "device_command", "target": "kitchen light", "command": "turn_on"},
                {"type": "schedule", "after_seconds": 90, "say": "Done."},
                {"type": "schedule", "at": "2026-06-01T10:00:00", "label": "x"},
                {"type": "cancel_scheduled", "id": "timer-3"},
            ],
        }
    )
    assert ResponseEnvelope.model_validate_json(original.model_dump_json()) == original
    assert isinstance(original.directives[0], DeviceCommandDirective)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"request_id": "r", "speech": 42}, "speech"),
        ({"request_id": "r", "end_session": "yes"}, "end_session"),
        ({"request_id": "r", "speak": "typo"}, "speak"),
        ({"request_id": "r", "directives": [{"type": "teleport"}]}, "directives"),
        ({"request_id": "r", "directives": [{"type": "schedule", "say": "x"}]}, "directives"),
        ({"request_id": "r", "error": {"code": "lower case"}}, "error"),
    ],
)
def test_a_response_with_unknown_fields_or_wrong_types_is_refused(
    body: dict[str, Any], where: str
) -> None:
    with pytest.raises(ValidationError) as info:
        ResponseEnvelope.model_validate_json(json.dumps(body))
    assert where in str(info.value)


def test_a_newer_major_version_is_refused_and_a_newer_minor_is_not() -> None:
    check_version(ENVELOPE_VERSION)
    check_version("1.9")
    with pytest.raises(UnsupportedVersion, match=r"2\.0 is not supported"):
        check_version("2.0")


# -- signing -----------------------------------------------------------------------------------


def test_a_signature_verifies_and_any_change_breaks_it() -> None:
    body = b'{"hello": "world"}'
    headers = sign(SECRET, body)
    stamp, signature = headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER]
    assert verify(SECRET, body, stamp, signature) == int(stamp)
    with pytest.raises(SignatureError) as tampered:
        verify(SECRET, b'{"hello": "World"}', stamp, signature)
    assert tampered.value.code == "BAD_SIGNATURE"
    other = Secret(b"another-secret-0123456789", "test")
    with pytest.raises(SignatureError) as wrong:
        verify(other, body, stamp, signature)
    assert wrong.value.code == "BAD_SIGNATURE"
    with pytest.raises(SignatureError) as restamped:
        verify(SECRET, body, str(int(stamp) + 1), signature)
    assert restamped.value.code == "BAD_SIGNATURE"
    with pytest.raises(SignatureError) as missing:
        verify(SECRET, body, stamp, None)
    assert missing.value.code == "MISSING_SIGNATURE"


def test_a_stale_timestamp_is_refused_even_with_a_good_signature() -> None:
    body = b"{}"
    old = int(time.time()) - 3600
    headers = sign(SECRET, body, old)
    with pytest.raises(SignatureError) as info:
        verify(SECRET, body, headers[TIMESTAMP_HEADER], headers[SIGNATURE_HEADER])
    assert info.value.code == "STALE_TIMESTAMP"
    assert "window" in str(info.value)


def test_the_replay_guard_refuses_a_repeat_and_forgets_after_the_window() -> None:
    guard = ReplayGuard(window=60)
    guard.check("v1=abc", now=0)
    with pytest.raises(SignatureError) as info:
        guard.check("v1=abc", now=30)
    assert info.value.code == "REPLAYED"
    guard.check("v1=abc", now=500)  # long after the window: a new timestamp would be needed


def test_secrets_come_from_env_or_file_and_never_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MY_SECRET", SECRET_TEXT)
    secret = load_secret(env="MY_SECRET")
    assert SECRET_TEXT not in repr(secret) and SECRET_TEXT not in str(secret)
    path = tmp_path / "s.txt"
    path.write_text(SECRET_TEXT + "\n", encoding="utf-8")
    assert load_secret(file=path).value == SECRET_TEXT.encode()
    monkeypatch.delenv("MY_SECRET")
    with pytest.raises(SecretError, match="MY_SECRET is not set"):
        load_secret(env="MY_SECRET")
    with pytest.raises(SecretError, match="does not exist"):
        load_secret(file=tmp_path / "nope.txt")
    path.write_text("short", encoding="utf-8")
    with pytest.raises(SecretError, match="too short"):
        load_secret(file=path)


# -- the service over HTTP ---------------------------------------------------------------------


def test_health_answers_with_the_skill_and_version(probe_url: str) -> None:
    reply = httpx.get(probe_url + "health", trust_env=False)
    assert reply.json() == {"status": "ok", "skill": "probe", "version": ENVELOPE_VERSION}


def test_a_signed_request_gets_a_signed_response(probe_url: str) -> None:
    request = envelope()
    body = request.model_dump_json().encode()
    reply = post(probe_url, body)
    assert reply.status_code == 200, reply.text
    verify(SECRET, reply.content, reply.headers[TIMESTAMP_HEADER], reply.headers[SIGNATURE_HEADER])
    answer = ResponseEnvelope.model_validate_json(reply.content)
    assert answer.request_id == request.request_id
    assert answer.speech == "You said hello."
    assert answer.session_attributes == {"a": [1, 2], "last": "hello"}
    assert answer.end_session is False


@pytest.mark.parametrize(
    ("secret", "tamper", "code"),
    [
        (Secret(b"not-the-right-secret-at-all", "test"), False, "BAD_SIGNATURE"),
        (SECRET, True, "BAD_SIGNATURE"),
    ],
)
def test_the_service_refuses_a_wrong_secret_or_a_changed_body(
    probe_url: str, secret: Secret, tamper: bool, code: str
) -> None:
    body = envelope().model_dump_json().encode()
    headers = signed(body, secret)
    if tamper:
        body = body.replace(b"hello", b"HELLO")
    reply = httpx.post(probe_url, content=body, headers=headers, trust_env=False)
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == code


def test_the_service_refuses_missing_stale_and_replayed_signatures(probe_url: str) -> None:
    body = envelope().model_dump_json().encode()
    unsigned = httpx.post(probe_url, content=body, trust_env=False)
    assert (unsigned.status_code, unsigned.json()["error"]["code"]) == (401, "MISSING_SIGNATURE")
    stale = httpx.post(probe_url, content=body, headers=sign(SECRET, body, int(time.time()) - 600))
    assert (stale.status_code, stale.json()["error"]["code"]) == (401, "STALE_TIMESTAMP")
    headers = signed(body)
    first = httpx.post(probe_url, content=body, headers=headers, trust_env=False)
    again = httpx.post(probe_url, content=body, headers=headers, trust_env=False)
    assert first.status_code == 200
    assert (again.status_code, again.json()["error"]["code"]) == (401, "REPLAYED")


def test_a_ten_megabyte_body_is_refused_unread(probe_url: str) -> None:
    big = b"x" * 10_000_000
    reply = post(probe_url, big)
    assert (reply.status_code, reply.json()["error"]["code"]) == (413, "BODY_TOO_LARGE")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is enforced while reading
        for _ in range(10):
            yield b"x" * 1_000_000

    streamed = httpx.post(probe_url, content=chunks(), headers=sign(SECRET, b""), trust_env=False)
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("body", "code", "words"),
    [
        (b'{"version": "1.0", "request_id": ', "MALFORMED_JSON", "not JSON"),
        (b"\xff\xfe garbage", "MALFORMED_JSON", "not JSON"),
        (b'{"version": "2.0", "request_id": "r"}', "UNSUPPORTED_VERSION", "2.0"),
        (b'{"version": "1.0", "request_id": "r"}', "INVALID_REQUEST", "field required"),
        (b"[1, 2, 3]", "INVALID_REQUEST", "body"),
    ],
)
def test_bad_bodies_get_a_clear_400(probe_url: str, body: bytes, code: str, words: str) -> None:
    reply = post(probe_url, body)
    assert reply.status_code == 400
    error = reply.json()["error"]
    assert error["code"] == code
    assert words in error["message"]


def test_the_body_timestamp_must_be_the_signed_one(probe_url: str) -> None:
    body = envelope(timestamp=int(time.time()) - 30).model_dump_json().encode()
    reply = httpx.post(probe_url, content=body, headers=sign(SECRET, body), trust_env=False)
    assert reply.status_code == 400
    assert "differs from the signed header" in reply.json()["error"]["message"]


def test_wrong_slot_types_and_unknown_fields_in_a_request_are_refused(probe_url: str) -> None:
    data = json.loads(envelope().model_dump_json())
    data["request"]["intent"]["slots"]["word"]["value"] = 12
    reply = post(probe_url, json.dumps(data).encode())
    assert (reply.status_code, reply.json()["error"]["code"]) == (400, "INVALID_SLOTS")
    data = json.loads(envelope().model_dump_json())
    data["surprise"] = True
    reply = post(probe_url, json.dumps(data).encode())
    assert reply.json()["error"] == {
        "code": "INVALID_REQUEST",
        "message": "surprise: unknown field",
    }


def test_the_service_reports_a_crash_a_timeout_and_an_unknown_intent(probe_url: str) -> None:
    def ask(name: str) -> dict[str, Any]:
        request = envelope({"type": "intent", "intent": {"name": name}})
        reply = post(probe_url, request.model_dump_json().encode())
        return {"status": reply.status_code, **reply.json()["error"]}

    crashed = ask("Crash")
    assert crashed["status"] == 500 and crashed["code"] == "SKILL_ERROR"
    assert "ZeroDivisionError" in crashed["message"]
    slow = ask("Nap")
    assert slow["status"] == 500 and slow["code"] == "SKILL_TIMEOUT"
    unknown = ask("Fly")
    assert unknown["status"] == 400 and unknown["code"] == "UNKNOWN_INTENT"


def test_other_paths_and_methods_get_json_errors(probe_url: str) -> None:
    assert httpx.get(probe_url, trust_env=False).json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert httpx.get(probe_url + "nope", trust_env=False).json()["error"]["code"] == "NOT_FOUND"


# -- the speaker's side ------------------------------------------------------------------------


def test_a_remote_skill_routes_and_answers_with_the_envelope_in_the_trace(
    tmp_path: Path, probe_url: str
) -> None:
    conv = conversation(remote_probe(tmp_path, probe_url))
    turn = conv.say("echo banana", expect_speech="You said banana.")
    assert turn.skill == "probe" and turn.error is None
    assert turn.dialog.session_attributes == {"last": "banana"}
    step = next(s for s in turn.trace if s.stage == "skill")
    remote = step.detail["remote"]
    assert remote["status"] == 200
    assert remote["request"]["request"]["intent"] == {
        "name": "Echo",
        "slots": {"word": {"value": "banana", "raw": "banana"}},
    }
    assert remote["response"]["speech"] == "You said banana."
    assert remote["headers"][SIGNATURE_HEADER] == "<redacted>"
    dumped = turn.model_dump_json()
    assert SECRET_TEXT not in dumped
    # The session attributes travel back in the next request: the service keeps none.
    second = conv.say("echo hello")
    request = next(s for s in second.trace if s.stage == "skill").detail["remote"]["request"]
    assert request["session"]["attributes"] == {"last": "banana"}
    conv.close()


def test_a_device_command_directive_runs_through_the_home(tmp_path: Path, probe_url: str) -> None:
    conv = conversation(remote_probe(tmp_path, probe_url), home="demo")
    turn = conv.say("switch on the kitchen light", expect_speech="Done.")
    assert [(c.device_id, c.attribute, c.new) for c in turn.device_changes] == [
        ("kitchen_light", "on", True)
    ]
    missing = conv.say("switch on the garden gnome")
    assert missing.error is not None and missing.error.code == "DEVICE_NOT_FOUND"
    assert missing.speech == "I couldn't find garden gnome."
    conv.close()


class _Fake:
    """A loopback service that misbehaves in one chosen way, signed with the right secret."""

    def __init__(self, mode: str) -> None:
        self.mode = mode

    async def __call__(self, request: Request) -> HttpResponse:
        sent = json.loads(await request.body())
        body: bytes
        status = 200
        if self.mode == "garbage":
            body = b"<html>I am not an envelope</html>"
        elif self.mode == "error500":
            status, body = 500, b'{"error": {"code": "DB_DOWN", "message": "database is down"}}'
        elif self.mode == "unknown_field":
            body = json.dumps({"request_id": sent["request_id"], "speach": "typo"}).encode()
        elif self.mode == "wrong_type":
            body = json.dumps({"request_id": sent["request_id"], "speech": ["a"]}).encode()
        elif self.mode == "newer":
            body = json.dumps({"version": "2.0", "request_id": sent["request_id"]}).encode()
        elif self.mode == "other_request":
            body = json.dumps({"request_id": "someone-else", "speech": "Hi"}).encode()
        else:
            assert self.mode == "unsigned"
            body = json.dumps({"request_id": sent["request_id"], "speech": "Hi"}).encode()
            return HttpResponse(body, media_type="application/json")
        return HttpResponse(body, status_code=status, headers=sign(SECRET, body))


@pytest.mark.parametrize(
    ("mode", "code", "words"),
    [
        ("garbage", "REMOTE_BAD_RESPONSE", "not JSON"),
        ("error500", "REMOTE_HTTP_ERROR", "HTTP 500"),
        ("unknown_field", "REMOTE_BAD_RESPONSE", "speach: unknown field"),
        ("wrong_type", "REMOTE_BAD_RESPONSE", "speech"),
        ("newer", "REMOTE_BAD_RESPONSE", "2.0 is not supported"),
        ("other_request", "REMOTE_BAD_RESPONSE", "someone-else"),
        ("unsigned", "REMOTE_BAD_RESPONSE", "signature"),
    ],
)
def test_a_misbehaving_service_costs_an_apology_not_the_session(
    tmp_path: Path, mode: str, code: str, words: str
) -> None:
    app = Starlette(routes=[Route("/", _Fake(mode).__call__, methods=["POST"])])
    with served(app) as url:
        conv = conversation(remote_probe(tmp_path, url))
        turn = conv.say("echo hello")
    assert turn.error is not None and turn.error.code == code
    assert words in turn.error.message
    assert turn.speech == "Sorry, something went wrong in probe."
    assert "remote" in next(s for s in turn.trace if s.stage == "skill").detail
    conv.say("good morning", expect_speech="Good morning!")
    conv.close()


def test_a_service_that_is_down_or_slow_or_crashing(tmp_path: Path, probe_url: str) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = conversation(remote_probe(tmp_path, f"http://127.0.0.1:{port}/"))
    turn = down.say("echo hello")
    assert turn.error is not None and turn.error.code == "REMOTE_UNREACHABLE"
    assert turn.speech == "Sorry, probe isn't answering right now."
    down.say("good morning", expect_speech="Good morning!")
    down.close()

    slow = conversation(remote_probe(tmp_path, probe_url, timeout=0.3))
    turn = slow.say("take a nap")
    assert turn.error is not None and turn.error.code == "REMOTE_TIMEOUT"
    assert turn.speech == "Sorry, probe took too long to answer."
    crashed = slow.say("crash now")
    assert crashed.error is not None and crashed.error.code == "REMOTE_HTTP_ERROR"
    assert "SKILL_ERROR" in crashed.error.message and "ZeroDivisionError" in crashed.error.message
    odd = slow.say("do something odd")
    assert odd.error is not None and "directive 0" in odd.error.message
    slow.say("good morning", expect_speech="Good morning!")
    slow.close()


def test_a_service_that_closes_the_connection(tmp_path: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def hang_up() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    try:
        conv = conversation(remote_probe(tmp_path, f"http://127.0.0.1:{port}/"))
        turn = conv.say("echo hello")
        assert turn.error is not None and turn.error.code == "REMOTE_BAD_RESPONSE"
        assert "closed the connection" in turn.error.message
        conv.say("good morning", expect_speech="Good morning!")
        conv.close()
    finally:
        listener.close()


def test_a_url_that_does_not_resolve(tmp_path: Path) -> None:
    conv = conversation(remote_probe(tmp_path, "http://no-such-host.invalid:8765/", timeout=2))
    turn = conv.say("echo hello")
    assert turn.error is not None and turn.error.code == "REMOTE_UNREACHABLE"
    assert "no-such-host.invalid" in turn.error.message
    conv.close()


def test_the_client_never_sends_the_secret(probe_url: str) -> None:
    client = RemoteClient(probe_url, SECRET, timeout=2)
    exchange = client.call(envelope())
    client.close()
    assert exchange.response is not None
    assert SECRET_TEXT not in json.dumps(exchange.trace())
    assert SECRET_TEXT not in repr(client)


def test_envelopes_carry_persistent_data_and_scheduled_items() -> None:
    caller = RemoteCaller("probe", RemoteClient("http://127.0.0.1:9/", SECRET))
    ctx = SkillContext(
        skill="probe",
        intent=None,
        text="",
        session=Session(id="s1", new=False, attributes={"last": "tea"}),
        persistent={"cups": 2},
        clock=SkillClock(Clock(NOW), "probe"),
    )
    ctx.clock.schedule(dt.timedelta(minutes=5), say="Tea!", label="tea")
    sent = caller.envelope(ctx, LaunchRequest())
    assert sent.context.persistent_attributes == {"cups": 2}
    assert sent.session.attributes == {"last": "tea"} and sent.session.new is False
    assert [(i.label, i.due, i.payload) for i in sent.context.scheduled] == [
        ("tea", NOW + dt.timedelta(minutes=5), {"say": "Tea!"})
    ]
    assert sent.context.now == NOW


def test_the_remote_package_imports_no_web_library_until_used() -> None:
    import subprocess
    import sys

    probe_code = (
        "import sys, simulator.remote.manifest, simulator.remote.server, simulator.cli; "
        "print(sorted(m for m in ('httpx', 'starlette', 'uvicorn', 'textual') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe_code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


# -- manifests ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("replace", "line", "words"),
    [
        (("url: {url}", "url: ftp://example.com/skill"), 3, "http:// or https://"),
        (("url: {url}", "url: not a url"), 3, "http:// or https://"),
        (("url: {url}", "url: http://user:pw@127.0.0.1:1/"), 3, "credentials"),
        (("secret: {{env: PROBE_SECRET}}", "secret: {{env: NOT_SET_ANYWHERE}}"), 4, "not set"),
        (("secret: {{env: PROBE_SECRET}}", "secret: {{file: missing.txt}}"), 4, "does not exist"),
        (("secret: {{env: PROBE_SECRET}}", "secret: {{}}"), 4, "exactly one"),
        (("timeout: {timeout}", "timeout: -1"), 5, "timeout"),
    ],
)
def test_a_bad_manifest_names_the_file_and_line(
    tmp_path: Path, replace: tuple[str, str], line: int, words: str
) -> None:
    path = tmp_path / "probe.yaml"
    path.write_text(
        MANIFEST.replace(*replace).format(url="http://127.0.0.1:1/", timeout=3), encoding="utf-8"
    )
    with pytest.raises(SkillLoadError) as info:
        load_skills(tmp_path, bundled=False, entry_point_skills=False)
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert words in str(info.value)


def test_the_cli_exits_2_on_a_bad_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "probe.yaml").write_text(
        MANIFEST.format(url="htp:/nowhere", timeout=3), encoding="utf-8"
    )
    assert main(["say", "--skills-dir", str(tmp_path), "hi"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'probe.yaml'}:3: url: " in err
    assert "Traceback" not in err


def test_serve_without_the_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "uvicorn", None)
    monkeypatch.setenv("SPEAKER_SIM_SECRET", SECRET_TEXT)
    assert main(["serve", str(TEA), "--port", "1"]) == 2
    assert "pip install 'speaker-sim[remote]'" in capsys.readouterr().err


def test_serve_refuses_a_missing_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SPEAKER_SIM_SECRET", raising=False)
    assert main(["serve", str(TEA), "--port", "8765"]) == 2
    err = capsys.readouterr().err
    assert "SPEAKER_SIM_SECRET is not set" in err
    with pytest.raises(SystemExit) as info:
        main(["serve", str(TEA), "--secret", SECRET_TEXT])
    assert info.value.code == 2


def test_the_inspector_shows_both_envelopes_without_the_secret(
    tmp_path: Path, probe_url: str
) -> None:
    from simulator.tui.widgets.inspector import turn_text

    conv = conversation(remote_probe(tmp_path, probe_url))
    turn = conv.say("echo banana")
    conv.close()
    text = turn_text(turn, 1)
    assert f"POST {probe_url} → HTTP 200" in text
    assert f"{SIGNATURE_HEADER}: <redacted>" in text
    assert '"name": "Echo"' in text  # the request
    assert '"speech": "You said banana."' in text  # the response
    assert SECRET_TEXT not in text


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
def test_speaker_sim_serve_serves_and_shuts_down_gracefully(tmp_path: Path, stop: str) -> None:
    import os
    import signal
    import subprocess
    import sys

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    secret_file = tmp_path / "tea.secret"
    secret_file.write_text(SECRET_TEXT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SPEAKER_SIM_SECRET"}
    command = [sys.executable, "-m", "simulator", "serve", str(TEA), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--secret-file", str(secret_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(url + "health", trust_env=False).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "serve did not start"
            time.sleep(0.1)
        client = RemoteClient(url, SECRET, timeout=5)
        request = envelope({"type": "launch"})
        exchange = client.call(request)
        client.close()
        assert exchange.response is not None, exchange.error
        assert exchange.response.speech == (
            "Tea time. Which tea would you like: green, black or herbal?"
        )
    finally:
        server.send_signal(getattr(signal, stop))
        output, _ = server.communicate(timeout=15)
    # Ctrl-C is a normal stop (0); SIGTERM is handed back after the graceful shutdown, so the
    # process ends by it, as a service manager expects.
    assert server.returncode == (0 if stop == "SIGINT" else -signal.SIGTERM), output
    assert "Application shutdown complete" in output
    assert "Traceback" not in output
    assert "Serving skill 'tea'" in output
    assert f"secret from the file {secret_file}" in output
    assert "launch 200" in output  # one log line per request
    assert SECRET_TEXT not in output


def test_worker_processes_rebuild_the_app_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from simulator.remote import server

    secret_file = tmp_path / "s.txt"
    secret_file.write_text(SECRET_TEXT, encoding="utf-8")
    monkeypatch.setenv("SPEAKER_SIM_SERVE_SKILL", str(TEA))
    monkeypatch.setenv("SPEAKER_SIM_SERVE_SKILL_NAME", "tea")
    monkeypatch.setenv("SPEAKER_SIM_SERVE_SECRET_FILE", str(secret_file))
    monkeypatch.setenv("SPEAKER_SIM_SERVE_TIMEOUT", "2")
    app = server.app_from_environment()
    with served(app) as url:
        assert httpx.get(url + "health", trust_env=False).json()["skill"] == "tea"
        reply = post(url, envelope({"type": "launch"}).model_dump_json().encode())
    assert reply.status_code == 200
    assert ResponseEnvelope.model_validate_json(reply.content).speech.startswith("Tea time.")
