"""Start-up benchmark: ``speaker-sim say`` end to end in fresh processes, cold and warm.

::

    python benchmarks/startup.py              # a small table (5 warm runs of each sentence)
    python benchmarks/startup.py --rounds 9
    python benchmarks/startup.py --json

The same as ``speaker-sim bench --startup``; see `simulator.tools.startup_bench` for what is
run. Wall-clock times depend on the machine's load (printed); the CPU seconds much less so.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from simulator.tools.startup_bench import format_startup, run_startup_bench


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="warm runs per sentence")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = parser.parse_args(argv)
    result = run_startup_bench(rounds=args.rounds)
    print(json.dumps(result, indent=2) if args.json else format_startup(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
