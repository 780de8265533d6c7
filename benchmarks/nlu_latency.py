"""Learned-stage and HassIL benchmark: print `simulator.tools.nlu_bench` figures.

::

    python benchmarks/nlu_latency.py            # training cold/warm, say, the HassIL table
    python benchmarks/nlu_latency.py --json

HassIL is optional (``pip install hassil``). Timings depend on the machine and its load; compare
figures from the same run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from simulator.tools.nlu_bench import run_hassil_bench, run_learned_bench


def main(argv: Sequence[str] | None = None) -> int:
    """Run both benchmarks and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the raw figures")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    result = {"learned": run_learned_bench(args.rounds), "hassil": run_hassil_bench()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result["learned"].items():
        print(f"{key}: {value}")
    hassil = result["hassil"]
    if "rows" not in hassil:
        print(f"hassil: {hassil.get('skipped')}")
        return 0
    print(f"\nroute median, ours vs hassil {hassil['hassil_version']} (µs per sentence)")
    print(f"{'intents':>8} {'ours':>10} {'hassil':>10} {'speed-up':>9}")
    for row in hassil["rows"]:
        print(
            f"{row['intents']:>8} {row['ours_median_us']:>10.1f} "
            f"{row['hassil_median_us']:>10.1f} {row['speedup']:>8.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
