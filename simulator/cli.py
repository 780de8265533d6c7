"""The ``speaker-sim`` command line.

The contract (docs/architecture.md) is: ``say``, ``chat``, ``route``, ``skills`` and ``devices``, each
with ``--home``, ``--skills-dir``, ``--state`` and ``--seed``; exit status 0 for every turn, understood
or not, and 2 for a usage error or an invalid file, with a message on stderr naming the file and line.
With no command it starts the terminal UI.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TextIO

from simulator import __version__
from simulator.clock import parse_delay

__all__ = ["main", "parse_advance"]

ILLUSTRATIVE = (
    "speaker-sim is illustrative: inspired by consumer smart speakers, it implements no "
    "vendor's real protocol, cloud API or device format."
)

_EPILOG = f"""{ILLUSTRATIVE}

examples:
  speaker-sim                                  start the terminal UI
  speaker-sim say "set a timer for 5 minutes"  one turn, prints the reply
  echo "what time is it" | speaker-sim chat --jsonl
  speaker-sim route --jsonl < utterances.txt   NLU only, one JSON object per line
  speaker-sim skills --json                    skills, intents and example utterances
  speaker-sim devices --json                   rooms, devices and their state
"""


class _UsageError(Exception):
    """A bad option value, reported like argparse's own errors (exit 2)."""


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options every command takes. Subcommands use SUPPRESS defaults so that an option given
    before the command is not overwritten by the subcommand's default."""
    default: Any = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("world options")
    group.add_argument(
        "--home",
        type=_path_option,
        default=default,
        metavar="FILE",
        help="home file (YAML) with rooms and devices; default: the bundled demo home",
    )
    group.add_argument(
        "--skills-dir",
        type=_path_option,
        default=default,
        metavar="DIR",
        help="a directory of extra skills, reloaded when they change",
    )
    group.add_argument(
        "--state",
        type=_path_option,
        default=default,
        metavar="DIR",
        help="where state.db lives; default: $SPEAKER_SIM_STATE or a per-user data directory",
    )
    group.add_argument(
        "--seed",
        type=int,
        default=default,
        metavar="N",
        help="seed for everything random (simulation, examples)",
    )
    group.add_argument(
        "--now",
        default=default,
        metavar="ISO",
        help="start the virtual clock at this time, e.g. 2026-06-01T07:30",
    )
    group.add_argument(
        "--no-bundled-skills",
        action="store_true",
        default=default,
        help="load only --skills-dir and entry-point skills (test a skill alone)",
    )
    group.add_argument(
        "--wake-word",
        action="store_true",
        default=default,
        help="wake-word mode: only hear utterances that start with the wake word "
        "('hey speaker, what time is it'), or that answer the speaker while it listens",
    )
    group.add_argument(
        "--asr-noise",
        type=_noise_level,
        default=default,
        metavar="LEVEL",
        help="pass each utterance through a simulated speech recogniser first: 0 is perfect, "
        "0.1-0.3 is a noisy room (homophones, dropped words, number forms, misheard names)",
    )
    group.add_argument(
        "--lang",
        type=_language_option,
        default=default,
        metavar="LANG",
        help="default language, en or zh-CN (of prompts and notifications, and of turns that "
        "show none); the speaker answers each turn in the language it is spoken to",
    )
    group.add_argument(
        "--wake-words",
        default=default,
        metavar="WORDS",
        help="the wake word to use (implies --wake-word); default: 'hey speaker'",
    )
    group.add_argument(
        "--profile",
        choices=["speaker", "screen", "kids"],
        default=default,
        help="device profile: speaker (voice only, the default), screen (a display shows "
        "cards), kids (an allow-list of skills and a bedtime)",
    )
    group.add_argument(
        "--profile-rules",
        type=_path_option,
        default=default,
        metavar="FILE",
        help="the profiles' rules (YAML); default: profiles.yaml in the state directory, "
        "else the bundled one",
    )
    llm = parser.add_argument_group(
        "large-model mode (off by default; nothing is contacted without --llm-url)"
    )
    llm.add_argument(
        "--llm-url",
        default=default,
        metavar="URL",
        help="an OpenAI-compatible chat-completions server, e.g. http://localhost:11434/v1 "
        "(Ollama); asked when no skill understood. The key, if any, comes from $"
        "SPEAKER_SIM_LLM_KEY",
    )
    llm.add_argument(
        "--llm-model", default=default, metavar="NAME", help="the model's name on that server"
    )
    llm.add_argument(
        "--llm-timeout",
        type=float,
        default=default,
        metavar="SECONDS",
        help="how long the model may take before the normal fallback answers (default 5)",
    )


def _nlu_option(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """``--nlu local|llm``: where turns are understood (``bench`` has its own ``--nlu``)."""
    parser.add_argument(
        "--nlu",
        choices=["local", "llm"],
        default=argparse.SUPPRESS if suppress else None,
        help="local: templates and the learned stage, the model only as a fallback (default); "
        "llm: every turn through the model (needs --llm-url)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with a subparser per command."""
    parser = argparse.ArgumentParser(
        prog="speaker-sim",
        description="An illustrative, offline smart-speaker skill simulator. Type what you would "
        "say and watch the whole path from wake word to spoken reply.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"speaker-sim {__version__}")
    _common(parser, suppress=False)
    _nlu_option(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=help_text,
            description=help_text + "\n\n" + ILLUSTRATIVE,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        _common(p, suppress=True)
        return p

    p = add("say", "run one turn and print the speech")
    _nlu_option(p, suppress=True)
    p.add_argument("text", nargs="+", help="what you say")
    p.add_argument("--json", action="store_true", help="print the whole Turn as JSON")

    p = add("chat", "read utterances from stdin, one per line, in one session")
    _nlu_option(p, suppress=True)
    p.add_argument("--jsonl", action="store_true", help="print one Turn JSON object per line")

    p = add("route", "NLU only: route each stdin line, with no side effects")
    _nlu_option(p, suppress=True)
    p.add_argument(
        "text",
        nargs="*",
        help="an utterance to route (default: one per stdin line, with a prompt on a terminal)",
    )
    p.add_argument(
        "--compare",
        action="store_true",
        help="show the templates, the learned stage and the model (with --llm-url) side by "
        "side: each one's reading, confidence and time",
    )
    p.add_argument("--jsonl", action="store_true", help="print one JSON object per line")
    p.add_argument(
        "--context",
        action="store_true",
        help="use the saved dialog context (open question, active skill)",
    )

    p = add("skills", "list skills, intents, sample templates and example utterances")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "skill_name", nargs="?", metavar="SKILL", help="only this skill (by name), e.g. 'timer'"
    )

    p = add("devices", "list rooms and devices with their current state")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--reset",
        action="store_true",
        help="restore every device to the home file's initial state first",
    )

    p = add("bench", "measure route latency over the bundled skills' examples")
    p.add_argument("--rounds", type=int, default=5, help="passes over the examples (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--nlu",
        action="store_true",
        help="also time the learned stage (training cold and warm, warm 'say') and compare "
        "route latency with HassIL at 25, 250 and 2,500 intents (needs pip install hassil)",
    )
    p.add_argument(
        "--hassil",
        action="store_true",
        help="only the table of route latency against HassIL at 25, 250 and 2,500 synthetic "
        "intents (ours, hassil, ratio; needs pip install hassil)",
    )
    p.add_argument(
        "--startup",
        action="store_true",
        help="only start-up: 'say' end to end in fresh processes, cold and warm (a template "
        "sentence, a learned one), median wall and CPU seconds over --rounds runs",
    )

    p.add_argument(
        "--asr",
        action="store_true",
        help="instead: intent accuracy of the bundled examples heard through the simulated "
        "recogniser at noise 0, 0.1, 0.2 and 0.3",
    )

    p = add("eval", "score the NLU on a test suite or an intent data set")
    p.add_argument(
        "suite",
        choices=["ha-tests", "ha-templates", "hwu64", "clinc150"],
        help="ha-tests: Home Assistant's test sentences on their fixtures; ha-templates: "
        "sentences sampled from Home Assistant's templates, filled with --home's devices; "
        "hwu64, clinc150: train the learned stage on the data set's training split, as for "
        "real skills, and score its test split",
    )
    p.add_argument(
        "path",
        type=Path,
        help="the suite's directory (e.g. .../home-assistant-intents, .../hwu64, .../clinc150)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--failures",
        type=int,
        default=20,
        metavar="N",
        help="how many failures to list (default 20)",
    )
    p.add_argument(
        "--per-intent",
        type=int,
        default=40,
        metavar="N",
        help="ha-templates: sentences sampled per intent (default 40)",
    )

    p = add("serve", "serve an SDK skill as a signed-envelope web service ('remote' extra)")
    p.add_argument("skill_path", type=Path, metavar="SKILL", help="a .py file, package or .yaml")
    p.add_argument("--port", type=int, default=8765, help="TCP port (default 8765)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--skill", help="which skill, when the file defines several")
    p.add_argument("--secret-file", type=Path, help="read the shared secret from this file")
    p.add_argument(
        "--secret-env",
        metavar="NAME",
        help="read the shared secret from this environment variable (default SPEAKER_SIM_SECRET)",
    )
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--timeout", type=float, default=5.0, help="seconds per request (default 5)")
    p.add_argument(
        "--print-manifest",
        action="store_true",
        help="print the manifest that registers this skill with a speaker, and exit",
    )
    p.add_argument("--url", help="the service's URL in the printed manifest")

    p = add("lint", "check skills for collisions, unreachable templates, missing prompts ...")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--no-learned",
        action="store_true",
        help="skip the learned-stage check (no model is trained or loaded)",
    )

    p = add("new", "write a working skill and its tests into ./NAME/")
    p.add_argument(
        "name", type=Path, metavar="NAME", help="the skill's folder (and name), e.g. pizza"
    )

    p = add("tui", "start the terminal UI (the default command)")
    _nlu_option(p, suppress=True)
    return parser


MAX_ADVANCE = timedelta(days=3650)
"""The longest single ``:advance`` (ten years)."""


def parse_advance(text: str) -> timedelta:
    """Parse ``10m``, ``1h30m``, ``90s``, ``2d`` or words ("ten minutes") into a timedelta of at
    most `MAX_ADVANCE`."""
    try:
        delta = parse_delay(text)
    except (ValueError, OverflowError) as exc:
        raise _UsageError(f"cannot advance by {text.strip()!r}: {exc}") from None
    if not delta <= MAX_ADVANCE:
        raise _UsageError(f"cannot advance by {text.strip()!r}: at most 10 years (3650d) at a time")
    return delta


def _parse_now(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise _UsageError(
            f"--now: {value!r} is not an ISO date and time, e.g. 2026-06-01T07:30"
        ) from None
    if when.tzinfo is not None:
        # The virtual clock is the speaker's local time; an offset would make it ambiguous
        # (whose 07:30?) and cannot be compared with local times.
        raise _UsageError(
            f"--now: {value!r} has a timezone offset; give the speaker's local time without "
            "one, e.g. 2026-06-01T07:30"
        )
    return when


def _noise_level(value: str) -> float:
    """An ``--asr-noise`` level: a number from 0 to 1."""
    try:
        level = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1") from None
    if not 0.0 <= level <= 1.0:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1 (try 0.1, 0.2 or 0.3)")
    return level


def _language_option(value: str) -> str:
    """A ``--lang`` value: en or zh-CN (zh, zh_CN and zh-Hans are zh-CN)."""
    from simulator.sdk.i18n import LANGUAGES, canonical_language

    language = canonical_language(value)
    if language is None:
        raise argparse.ArgumentTypeError(
            f"unknown language {value!r}; choose one of: {', '.join(LANGUAGES)}"
        )
    return language


def _path_option(value: str) -> Path:
    """A path option's value; an empty one would silently mean the current directory."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty path; give a file or directory")
    return Path(value)


def _make_sim(
    args: argparse.Namespace,
    *,
    persistent: bool = True,
    readonly: bool = False,
    learned: Literal["off", "sync", "lazy", "background"] = "lazy",
) -> Any:
    """Build the simulator from the options; file errors become `_FileError`.

    ``readonly`` commands open the state for reading only, so they work on a read-only
    state directory. The learned stage is loaded (or trained) only when a sentence needs it
    (``lazy``): a command a template answers never imports numpy or reads the model.
    """
    from simulator.startup import collector_paused, models_built_on_first_use

    with collector_paused():  # the engine's modules and the simulator are built without GC runs
        # The engine's own pydantic models (turns, devices, schedules...) build their
        # validators when first used: a one-shot command uses a few of them.
        with models_built_on_first_use():
            from simulator.engine import Simulator
            from simulator.storage import default_state_dir

        state_dir = None
        if persistent:
            state_dir = args.state or default_state_dir()
        sim = Simulator.create(
            home_file=args.home,
            skills_dir=args.skills_dir,
            state_dir=state_dir,
            readonly_state=readonly,
            seed=args.seed,
            now=_parse_now(args.now),
            bundled=not getattr(args, "no_bundled_skills", False),
            learned=learned,
            deferred_skills=True,  # bundled skills' code imported on first use: a warm start
        )
    _report_notices(sim)
    if getattr(args, "asr_noise", None):
        from simulator.nlu.asr import SimulatedRecogniser

        sim.asr = SimulatedRecogniser(args.asr_noise, seed=args.seed or 0)
    if getattr(args, "lang", None):
        sim.language = args.lang
    if args.wake_word or args.wake_words:
        from simulator.engine import DEFAULT_WAKE_WORD
        from simulator.nlu.normalize import normalize

        sim.wake_word = normalize(args.wake_words or DEFAULT_WAKE_WORD) or DEFAULT_WAKE_WORD
    try:
        _configure_modes(sim, args, state_dir)
    except BaseException:
        sim.close()
        raise
    from simulator import yamlfile

    yamlfile.save_cache()  # the profile rules, read after the engine saved: kept for next start
    return sim


def _configure_modes(sim: Any, args: argparse.Namespace, state_dir: Path | None) -> None:
    """The device profile and large-model mode, from the options."""
    from simulator.profiles import load_profile

    rules = getattr(args, "profile_rules", None)
    sim.profile = load_profile(
        getattr(args, "profile", None) or "speaker", rules, state_dir=state_dir
    )
    url = getattr(args, "llm_url", None)
    nlu = getattr(args, "nlu", None) or "local"
    if not url:
        if nlu == "llm":
            raise _UsageError("--nlu llm needs a model: give --llm-url URL (and --llm-model NAME)")
        return
    if not str(url).startswith(("http://", "https://")):
        raise _UsageError(f"--llm-url: {url!r} is not an http:// or https:// URL")
    timeout = getattr(args, "llm_timeout", None)
    if timeout is not None and not 0 < timeout <= 600:
        raise _UsageError("--llm-timeout: give seconds between 0 and 600")
    try:
        import httpx  # noqa: F401  (only checking that the client can load)
    except ImportError:
        raise _UsageError("large-model mode needs httpx: pip install 'speaker-sim[llm]'") from None
    from simulator.llm import LLMConfig

    sim.use_llm(
        LLMConfig.from_env(
            url,
            getattr(args, "llm_model", None),
            mode="llm" if nlu == "llm" else "fallback",
            timeout=timeout,
        )
    )


def _report_notices(sim: Any) -> None:
    """Print what the store found or could not do (damaged rows, a full disk) to stderr."""
    for notice in sim.store.take_notices():
        print(f"speaker-sim: warning: {notice}", file=sys.stderr, flush=True)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _print_turn(turn: Any, *, as_json: bool, out: TextIO) -> None:
    # Every reply is flushed as soon as it is written: a program that sends one line and
    # waits for the answer must not wait for stdin to close.
    if turn.error is not None and turn.error.detail:
        # A skill crashed: its author needs the traceback, and stdout stays the speech (or JSON).
        print(
            f"speaker-sim: {turn.skill or 'a skill'} failed: {turn.error.message}\n"
            f"{turn.error.detail.rstrip()}",
            file=sys.stderr,
        )
    if as_json:
        out.write(_dump(turn.model_dump(mode="json")) + "\n")
        out.flush()
        return
    if turn.text is None:
        out.write(f"[{turn.skill or 'speaker'}] {turn.speech or ''}\n")
    elif turn.speech:
        out.write(turn.speech + "\n")
    elif turn.kind == "silence":
        out.write("(silence)\n")
    else:
        out.write("(no reply)\n")
    out.flush()


# -- commands ----------------------------------------------------------------------------


def _cmd_say(args: argparse.Namespace) -> int:
    from simulator.startup import collector_paused, objects_outlive_the_process

    # One turn: the collector stays paused past the start-up too. Switched back on after it,
    # its first pass scanned every object the start-up made (they were all still "young"):
    # ~0.1 s of a warm `say`, finding nothing. As the program, the objects are frozen before
    # it is switched on again, for the exit (see `simulator.startup`).
    with collector_paused():
        sim = _make_sim(args)
        try:
            for turn in sim.advance_sync(timedelta(0)):
                _print_turn(turn, as_json=args.json, out=sys.stdout)
            turn = sim.handle_sync(" ".join(args.text))
            _print_turn(turn, as_json=args.json, out=sys.stdout)
            _report_notices(sim)
        finally:
            sim.close()
            if _AS_PROGRAM:
                objects_outlive_the_process()
    return 0


_CHAT_HELP = """chat commands (lines starting with ':'):
  :advance DURATION   move the virtual clock on (10m, 1h30m, 90s); fired timers are printed
  :reset              end the session, cancel timers and restore the home's initial state
  :help               this list
  :quit               stop reading
An empty line is silence (the speaker may reprompt)."""


def _cmd_chat(args: argparse.Namespace) -> int:
    sim = _make_sim(args)
    interactive = sys.stdin.isatty()
    out = sys.stdout

    async def run() -> None:
        for turn in await sim.advance(timedelta(0)):
            _print_turn(turn, as_json=args.jsonl, out=out)
        if interactive:
            print(ILLUSTRATIVE + "\nType what you would say; :help for commands.", file=sys.stderr)
        while True:
            if interactive:
                print("you> ", end="", file=sys.stderr, flush=True)
            line = sys.stdin.readline()
            if not line:
                break
            line = line.rstrip("\r\n")
            if line.startswith(":"):
                command, _, rest = line[1:].strip().partition(" ")
                command = command.lower()
                if command in ("quit", "exit", "q"):
                    break
                if command == "help":
                    print(_CHAT_HELP, file=sys.stderr)
                elif command == "advance":
                    try:
                        delta = parse_advance(rest or "1m")
                    except _UsageError as exc:
                        print(f"speaker-sim: {exc}", file=sys.stderr)
                        continue
                    try:
                        sim.clock.now() + delta
                    except OverflowError:
                        print("speaker-sim: cannot advance past the year 9999", file=sys.stderr)
                        continue
                    for turn in await sim.advance(delta):
                        _print_turn(turn, as_json=args.jsonl, out=out)
                    _report_notices(sim)
                elif command == "reset":
                    await sim.reset_async()
                    print(
                        "speaker-sim: reset: session ended, timers cancelled, home restored",
                        file=sys.stderr,
                    )
                else:
                    print(f"speaker-sim: unknown command :{command} (try :help)", file=sys.stderr)
                continue
            if sim.skills_changed():
                error = sim.reload_skills()
                print(
                    f"speaker-sim: skills not reloaded, the previous version stays loaded: {error}"
                    if error
                    else "speaker-sim: skills reloaded",
                    file=sys.stderr,
                )
            turn = await sim.handle(line)
            _print_turn(turn, as_json=args.jsonl, out=out)
            _report_notices(sim)

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    finally:
        sim.close()
    return 0


def _route_lines(args: argparse.Namespace) -> Iterator[str]:
    """The utterances to route: the argument, else stdin (prompting when it is a terminal)."""
    if args.text:
        yield " ".join(args.text)
        return
    interactive = sys.stdin.isatty()
    while True:
        if interactive:
            sys.stderr.write("route> ")
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            return
        yield line.rstrip("\r\n")


def _route_reason(result: Any) -> str:
    """One line of why: the template, the learned stage's evidence, or what a fallback lacked."""
    why = result.why or {}
    parts = [result.explanation] if result.explanation else []
    words = [w["feature"] for w in why.get("top_words", [])[:3]]
    if words:
        parts.append("weightiest words " + ", ".join(words))
    nearest = why.get("nearest_samples") or []
    if nearest:
        parts.append(f'nearest sample "{nearest[0]["sample"]}"')
    if result.intent is None:
        if why.get("missing") and str(why["missing"]) not in result.explanation:
            parts.append(str(why["missing"]))
        near = [f"{n['skill']}.{n['intent']}" for n in why.get("nearest_intents", [])]
        if near:
            parts.append("nearest intents " + ", ".join(near))
    return "; ".join(parts) or "-"


def _cmd_route(args: argparse.Namespace) -> int:
    sim = _make_sim(args, persistent=args.context, readonly=True)
    if args.compare:
        try:
            return _route_compare(sim, as_json=args.jsonl)
        finally:
            sim.close()
    if sim.llm is not None:
        try:
            return _route_with_model(sim, as_json=args.jsonl, use_context=args.context)
        finally:
            sim.close()
    try:
        for line in _route_lines(args):
            result = sim.route(line, use_context=args.context)
            if args.jsonl:
                sys.stdout.write(_dump(result.model_dump(mode="json")) + "\n")
            else:
                slots = " ".join(f"{k}={v.raw!r}" for k, v in result.slots.items())
                # One line per utterance (scripts cut it on tabs); the reason comes last.
                sys.stdout.write(
                    f"{result.intent or '-'}\t{result.skill or '-'}\t{result.confidence:.2f}\t"
                    f"{result.source}\t{slots}\t{_route_reason(result)}\n"
                )
            sys.stdout.flush()
    finally:
        sim.close()
    return 0


def _print_route(result: Any, *, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(_dump(result.model_dump(mode="json")) + "\n")
    else:
        slots = " ".join(f"{k}={v.raw!r}" for k, v in result.slots.items())
        sys.stdout.write(
            f"{result.intent or '-'}\t{result.skill or '-'}\t{result.confidence:.2f}\t"
            f"{result.source}\t{slots}\n"
        )
    sys.stdout.flush()


def _route_with_model(sim: Any, *, as_json: bool, use_context: bool) -> int:
    """``route --nlu llm``: each line read by the model (no handler runs, nothing is saved)."""

    async def run() -> None:
        for line in sys.stdin:
            _print_route(
                await sim.route_async(line.rstrip("\r\n"), use_context=use_context), as_json=as_json
            )

    asyncio.run(run())
    return 0


def _route_compare(sim: Any, *, as_json: bool) -> int:
    """``route --compare``: the templates, the learned stage and the model side by side."""
    from simulator.llm.compare import Comparer, format_header, format_row

    comparer = Comparer(sim)

    async def run() -> None:
        if not as_json:
            sys.stdout.write(format_header() + "\n")
        for line in sys.stdin:
            row = await comparer.compare(line.rstrip("\r\n"))
            sys.stdout.write((_dump(row) if as_json else format_row(row)) + "\n")
            sys.stdout.flush()

    asyncio.run(run())
    return 0


def _cmd_skills(args: argparse.Namespace) -> int:
    sim = _make_sim(args, persistent=False)
    try:
        listing = sim.skill_listing(examples=20)
    finally:
        sim.close()
    wanted = args.skill_name
    if wanted:
        chosen = [s for s in listing if s["name"] == wanted]
        if not chosen:
            known = ", ".join(sorted(s["name"] for s in listing))
            raise _UsageError(f"skills: no skill named {wanted!r} (loaded: {known})")
        listing = chosen
    if args.json:
        print(_dump(listing))
        return 0
    for skill in listing:
        print(f"{skill['name']}: {skill['description']}")
        for intent in skill["intents"]:
            print(f"  {intent['name']}")
            for sample in intent["samples"]:
                print(f"    template: {sample}")
            for example in intent["examples"][:3]:
                print(f'    e.g. "{example}"')
    return 0


def _cmd_devices(args: argparse.Namespace) -> int:
    sim = _make_sim(args, readonly=not args.reset)
    try:
        if args.reset:
            sim.reset()
        listing = sim.home.to_json() if sim.home is not None else {"rooms": [], "devices": []}
    finally:
        sim.close()
    if args.json:
        print(_dump(listing))
        return 0
    rooms = {r["id"]: r["name"] for r in listing.get("rooms", [])}
    print(listing.get("name", "home"))
    for room_id, room_name in rooms.items():
        print(f"  {room_name}")
        for device in listing.get("devices", []):
            if device["room"] == room_id:
                state = ", ".join(f"{k}={v}" for k, v in device["state"].items())
                print(f"    {device['name']} [{device['type']}] {state}")
    return 0


def _cmd_bench(args: argparse.Namespace) -> int:
    from simulator.tools.bench import (
        format_hassil_table,
        run_asr_bench,
        run_hassil_comparison,
        run_route_bench,
    )

    if args.asr:
        report = run_asr_bench(seed=args.seed or 0)
        if args.json:
            print(_dump(report))
            return 0
        print(f"intent accuracy of {report['examples']} bundled examples, heard with noise:")
        print("  noise  accuracy  correct  fell back")
        for row in report["levels"]:
            print(
                f"  {row['noise']:<5}  {row['accuracy']:>7.1%}  {row['correct']:>7}  "
                f"{row['fallback']:>9}"
            )
        for miss in report["misheard"]:
            print(
                f"  e.g. said {miss['said']!r}, heard {miss['heard']!r}: "
                f"{miss['got']} instead of {miss['expected']}"
            )
        return 0

    if args.hassil:
        table = run_hassil_comparison()
        print(_dump(table) if args.json else format_hassil_table(table))
        return 0
    if args.startup:
        from simulator.tools.startup_bench import format_startup, run_startup_bench

        startup = run_startup_bench(rounds=args.rounds)
        print(_dump(startup) if args.json else format_startup(startup))
        return 0
    result = run_route_bench(rounds=max(1, args.rounds), seed=args.seed or 0)
    if args.nlu:
        from simulator.tools.nlu_bench import run_hassil_bench, run_learned_bench

        result["learned"] = run_learned_bench(rounds=max(1, args.rounds))
        result["hassil"] = run_hassil_bench()
    if args.json:
        print(_dump(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    if args.suite in ("hwu64", "clinc150"):
        return _cmd_eval_dataset(args)
    from simulator.tools.ha_eval import run_ha_tests

    if args.suite == "ha-templates":
        return _eval_templates(args)
    report = run_ha_tests(args.path, language=getattr(args, "lang", None) or "en")
    if args.json:
        print(_dump(report))
        return 0
    print(f"{report['passed']}/{report['total']} passed ({report['percent']:.1f} %)")
    for intent, row in sorted(report["by_intent"].items()):
        print(f"  {intent}: {row['passed']}/{row['total']}")
    for failure in report["failures"][: args.failures]:
        print(f"  FAIL {failure['intent']}: {failure['sentence']!r}: {failure['reason']}")
    return 0


def _cmd_eval_dataset(args: argparse.Namespace) -> int:
    from simulator.routing.learned import default_cache_dir
    from simulator.tools.dataset_eval import DatasetError, evaluate_clinc150, evaluate_hwu64

    if not args.path.exists():
        print(f"speaker-sim: {args.path}: no such file or directory", file=sys.stderr)
        return 2
    cache = default_cache_dir()
    evaluate = evaluate_hwu64 if args.suite == "hwu64" else evaluate_clinc150
    try:
        report = evaluate(args.path, cache_dir=cache, failures=args.failures)
    except DatasetError as exc:
        print(f"speaker-sim: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(_dump(report))
        return 0
    print(f"{report['dataset']}: {report['n']} test sentences, {report['intents']} intents")
    print(f"  accuracy: {report['accuracy']:.2%}")
    for key in ("accuracy_at_threshold", "in_scope_accuracy", "oos_recall"):
        if key in report:
            print(f"  {key.replace('_', ' ')}: {report[key]:.2%}")
    print(f"  threshold: {report['threshold']} ({report.get('threshold_from', 'the router')})")
    print(f"  training: {report['train_seconds']} s ({report['model'].get('origin')})")
    for failure in report["failures"]:
        print(f"  MISS {failure['label']}: {failure['text']!r} -> {failure['got'] or 'fallback'}")
    return 0


def _eval_templates(args: argparse.Namespace) -> int:
    from simulator.tools.ha_templates import run_ha_templates

    try:
        report = run_ha_templates(
            args.path, args.home, per_intent=max(args.per_intent, 1), seed=args.seed or 0
        )
    except (RuntimeError, FileNotFoundError) as exc:
        print(f"speaker-sim: eval ha-templates: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(_dump(report))
        return 0
    print(
        f"{report['passed']}/{report['total']} sentences changed the right devices "
        f"({report['percent']:.1f} %) on {report['home']}"
    )
    for intent, row in sorted(report["by_intent"].items()):
        print(f"  {intent}: {row['passed']}/{row['total']}")
    for failure in report["failures"][: args.failures]:
        print(f"  FAIL {failure['intent']}: {failure['sentence']!r}: {failure['reason']}")
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from simulator.tools.lint import lint_skills

    report = lint_skills(
        args.skills_dir,
        bundled=not getattr(args, "no_bundled_skills", False) or args.skills_dir is None,
        home_file=args.home,
        learned=not args.no_learned,
    )
    if args.json:
        print(_dump(report.to_json()))
    else:
        for finding in report.findings:
            print(finding.render())
        print(
            f"{report.skills} skill(s), {report.intents} intent(s): "
            f"{report.errors} error(s), {report.warnings} warning(s)"
        )
    return 1 if report.errors else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from simulator.tools.scaffold import ScaffoldError, write_skill

    try:
        written = write_skill(args.name)
    except ScaffoldError as exc:
        print(f"speaker-sim: error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    folder = args.name
    print(
        f"next:\n  speaker-sim chat --skills-dir {folder}     talk to it (try: order a large "
        f"{folder.name.replace('_', ' ')})\n  python -m pytest {folder}"
        f"                  run its tests\n  speaker-sim lint --skills-dir {folder}     check it"
    )
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from simulator.remote.server import serve_command

    return serve_command(args)


def _cmd_tui(args: argparse.Namespace) -> int:
    try:
        from simulator.tui.app import run_app
    except ImportError as exc:
        print(
            f"speaker-sim: the terminal UI is not available ({exc}); try 'speaker-sim chat'",
            file=sys.stderr,
        )
        return 2
    # The terminal UI draws at once: the learned stage trains (or loads) in the background.
    sim = _make_sim(args, learned="background")
    try:
        run_app(sim)
    finally:
        sim.close()
    return 0


_COMMANDS = {
    "say": _cmd_say,
    "chat": _cmd_chat,
    "route": _cmd_route,
    "skills": _cmd_skills,
    "devices": _cmd_devices,
    "bench": _cmd_bench,
    "eval": _cmd_eval,
    "tui": _cmd_tui,
    "serve": _cmd_serve,
    "lint": _cmd_lint,
    "new": _cmd_new,
    None: _cmd_tui,
}


_AS_PROGRAM = False
"""True when `main` runs as the program (no ``argv``): the process ends after the command."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    global _AS_PROGRAM
    _AS_PROGRAM = argv is None
    status = _main(argv)
    if argv is None:
        # Called as the program (console script, python -m): the process ends next, so its
        # shutdown need not rescan every object again (see simulator.startup).
        from simulator.startup import objects_outlive_the_process

        objects_outlive_the_process()
    return status


def _main(argv: Sequence[str] | None) -> int:
    # Typed or piped text can be anything: undecodable bytes become U+FFFD rather than a
    # traceback, whatever the locale's defaults are.
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if callable(reconfigure):
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in (
        "home",
        "skills_dir",
        "state",
        "seed",
        "now",
        "wake_word",
        "wake_words",
        "asr_noise",
        "profile",
        "profile_rules",
        "llm_url",
        "llm_model",
        "llm_timeout",
        "nlu",
    ):
        if not hasattr(args, name):
            setattr(args, name, None)
    from simulator.devices import HomeFileError
    from simulator.loader import SkillLoadError
    from simulator.storage import StorageError
    from simulator.yamlfile import YamlFileError

    if args.command not in (None, "tui"):
        # stdout is the protocol (--json, --jsonl): what skill code prints goes to stderr.
        from simulator.skillguard import route_skill_output

        route_skill_output()
    try:
        return _COMMANDS[args.command](args)
    except (SkillLoadError, HomeFileError, StorageError, YamlFileError) as exc:
        print(f"speaker-sim: error: {exc}", file=sys.stderr)
        return 2
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"speaker-sim: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
