"""Route latency against HassIL: one table of intents x ours/hassil median/ratio.

::

    python benchmarks/hassil_latency.py                 # 25, 250 and 2,500 synthetic intents
    python benchmarks/hassil_latency.py --json
    python benchmarks/hassil_latency.py --sizes 25 250 --sentences 100 --rounds 5

The same as ``speaker-sim bench --hassil``. Both matchers get the same intents (templates of
alternatives and optional words) and the same sentences, timed in interleaved rounds of one run;
the last line says how the medians grew with the number of intents. Needs ``pip install hassil``
(the ``hassil`` extra). Timings depend on the machine and its load (printed); compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from simulator.tools.bench import format_hassil_table, run_hassil_comparison


def main(argv: Sequence[str] | None = None) -> int:
    """Run the comparison and print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 250, 2500])
    parser.add_argument("--sentences", type=int, default=200, help="sentences per size")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per size")
    parser.add_argument("--json", action="store_true", help="print the raw figures")
    args = parser.parse_args(argv)
    result = run_hassil_comparison(
        [max(1, n) for n in args.sizes],
        sentences=max(1, args.sentences),
        rounds=max(1, args.rounds),
    )
    print(json.dumps(result, indent=2) if args.json else format_hassil_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
