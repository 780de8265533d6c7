"""Route-latency benchmark: print `simulator.tools.bench.run_route_bench` figures as a table or JSON.

::

    python benchmarks/route_latency.py              # a small table
    python benchmarks/route_latency.py --json       # the raw figures
    python benchmarks/route_latency.py --rounds 20 --seed 1

Timings depend on the machine and its load; compare the ratios, which are measured in one run.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from simulator.tools.bench import SCALE_FACTOR, run_route_bench


def format_table(result: dict[str, Any]) -> str:
    """The figures as an aligned two-column table."""
    rows = [
        ("utterances routed", f"{result['utterances']} x {result['rounds']} rounds"),
        ("templates indexed", str(result["templates"])),
        ("demo home loaded", "yes" if result.get("home") else "no"),
        ("learned stage", "on" if result.get("learned") else "off"),
        ("median per route", f"{result['median_us']:.1f} µs"),
        ("p99 per route", f"{result['p99_us']:.1f} µs"),
        ("mean per route", f"{result['mean_us']:.1f} µs"),
        (
            "median, templates only",
            f"{result['median_us_templates_only']:.1f} µs "
            f"(with the learned stage x{result['ratio_learned']:.2f})",
        ),
        (
            "router, 1x templates",
            f"{result['median_us_1x']:.1f} µs median ({result['templates_1x']} templates)",
        ),
        (
            f"router, {SCALE_FACTOR}x same samples",
            f"{result['median_us_20x']:.1f} µs median ({result['templates_20x']} templates), "
            f"ratio {result['ratio_20x']:.2f}",
        ),
        (
            f"router, {SCALE_FACTOR}x with decoys",
            f"{result['median_us_20x_distinct']:.1f} µs median, "
            f"ratio {result['ratio_20x_distinct']:.2f}",
        ),
        ("scaling sample", f"{result['scale_utterances']} utterances"),
        (
            "load average",
            f"{result['load_average']['before']} before, {result['load_average']['after']} after",
        ),
    ]
    if "tui_rss_mb" in result:
        rss = result["tui_rss_mb"]
        rows.append(("TUI resident memory", "unknown" if rss is None else f"{rss:.1f} MiB"))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="passes over the examples")
    parser.add_argument("--seed", type=int, default=0, help="seed for the examples and order")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the TUI memory probe (a child process)"
    )
    args = parser.parse_args(argv)
    result = run_route_bench(rounds=max(1, args.rounds), seed=args.seed, memory=not args.no_memory)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
