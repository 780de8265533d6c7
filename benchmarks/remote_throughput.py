"""Remote-skill throughput: one served skill, concurrent signed requests, 1, 2 and 4 workers.

For each worker count, starts ``speaker-sim serve examples/remote_tea/service/tea.py --workers N``
on 127.0.0.1 (a free port; loopback only, never any other address), waits for ``/health``, then
drives it from the speaker's side: ``--clients`` processes, each with ``--concurrency`` threads
sharing one `RemoteClient` (the same client a remote skill uses: signing, response signature and
schema checks included) send ``BrewTea`` intent envelopes until ``--requests`` have been sent in
all or ``--seconds`` have passed, whichever comes first. Each request carries fresh session and
persistent attributes, so any worker can answer any request (the service is stateless).

Reports requests per second (completed requests / wall time of the run), the p50 and p99 latency
of the successful ones, and failures. After one short warm-up per server. The load generator runs
on the same machine as the server, so it competes with it for the CPUs: the figures are a
lower bound for the service and say how it scales on *this* machine, not in general.

Run: ``.venv/bin/python benchmarks/remote_throughput.py [--requests 3000] [--seconds 20]
[--concurrency 8] [--clients 2] [--workers 1 2 4] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from simulator.remote.client import RemoteClient
from simulator.remote.envelope import RequestEnvelope
from simulator.remote.signing import load_secret

HOST = "127.0.0.1"
"""Loopback only: the benchmark never talks to any other address."""
ROOT = Path(__file__).resolve().parent.parent
SKILL = ROOT / "examples" / "remote_tea" / "service" / "tea.py"
TEAS = ("green", "black", "herbal")


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def envelope(number: int) -> RequestEnvelope:
    """A BrewTea request as the speaker would send it (fresh id and timestamp)."""
    tea = TEAS[number % len(TEAS)]
    return RequestEnvelope.model_validate(
        {
            "request_id": uuid.uuid4().hex,
            "timestamp": int(time.time()),
            "session": {"id": f"bench-{number}", "new": True, "attributes": {}},
            "context": {
                "user": {"id": "bench"},
                "device": {"id": "bench", "room": "kitchen"},
                "now": "2026-06-01T09:00:00",
                "persistent_attributes": {"cups": number},
            },
            "request": {
                "type": "intent",
                "intent": {"name": "BrewTea", "slots": {"tea": {"value": tea, "raw": tea}}},
                "text": f"brew a {tea} tea",
            },
        }
    )


def client_process(
    url: str, secret_file: str, requests: int, seconds: float, concurrency: int, out: Any
) -> None:
    """One load-generating process: ``concurrency`` threads, one shared client."""
    client = RemoteClient(url, load_secret(file=secret_file), timeout=10)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        while time.perf_counter() < deadline:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            exchange = client.call(envelope(number))
            with lock:
                if exchange.error is None:
                    latencies.append(exchange.ms)
                else:
                    errors[exchange.error[0]] = errors.get(exchange.error[0], 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    out.put({"latencies": latencies, "errors": errors, "wall": time.perf_counter() - started})
    client.close()


def run(
    url: str, secret_file: str, requests: int, seconds: float, concurrency: int, clients: int
) -> dict[str, Any]:
    """Drive the server with ``clients`` processes; returns the merged figures."""
    queue: Any = multiprocessing.get_context("spawn").Queue()
    share = max(1, requests // clients)
    procs = [
        multiprocessing.get_context("spawn").Process(
            target=client_process, args=(url, secret_file, share, seconds, concurrency, queue)
        )
        for _ in range(clients)
    ]
    started = time.perf_counter()
    for proc in procs:
        proc.start()
    results = [queue.get(timeout=seconds + 60) for _ in procs]
    wall = time.perf_counter() - started
    for proc in procs:
        proc.join(10)
    latencies = sorted(x for r in results for x in r["latencies"])
    errors: dict[str, int] = {}
    for r in results:
        for code, count in r["errors"].items():
            errors[code] = errors.get(code, 0) + count
    # The clients' own wall time (not process start-up) is the run's duration.
    busy = max(r["wall"] for r in results) if results else wall
    return {
        "ok": len(latencies),
        "errors": errors,
        "seconds": round(busy, 2),
        "rps": round(len(latencies) / busy, 1) if busy else 0.0,
        "p50_ms": round(statistics.median(latencies), 2) if latencies else None,
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))], 2)
        if latencies
        else None,
    }


def serve(workers: int, port: int, secret_file: str) -> subprocess.Popen[bytes]:
    """Start ``speaker-sim serve`` on loopback and wait until it answers ``/health``."""
    command = [
        sys.executable,
        "-m",
        "simulator",
        "serve",
        str(SKILL),
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--secret-file",
        secret_file,
    ]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    server = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/health", trust_env=False).status_code == 200:
                # With several workers, give each a moment to finish importing the skill.
                time.sleep(0.5 * workers)
                return server
        except httpx.TransportError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.kill()
    raise SystemExit(f"speaker-sim serve --workers {workers} did not start")


def stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl-C the server and wait for its graceful shutdown."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()


def main() -> None:
    """Parse the options, run each worker count, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests per worker count")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per worker count")
    parser.add_argument("--concurrency", type=int, default=8, help="threads per client process")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if not (0 < args.requests <= 100_000 and 0 < args.seconds <= 300):
        raise SystemExit("keep it bounded: --requests up to 100000, --seconds up to 300")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        secret_file = str(Path(tmp) / "bench.secret")
        Path(secret_file).write_text(uuid.uuid4().hex + uuid.uuid4().hex, encoding="utf-8")
        for workers in args.workers:
            port = free_port()
            server = serve(workers, port, secret_file)
            url = f"http://{HOST}:{port}/"
            try:
                run(url, secret_file, 50 * args.clients, 10, 2, args.clients)  # warm-up
                row = run(
                    url, secret_file, args.requests, args.seconds, args.concurrency, args.clients
                )
            finally:
                stop(server)
            rows.append({"workers": workers, **row})
    meta = {
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "clients": args.clients,
        "concurrency": args.concurrency,
        "requests": args.requests,
        "seconds_limit": args.seconds,
    }
    if args.json:
        print(json.dumps({"meta": meta, "rows": rows}, indent=2))
        return
    print(
        f"one served skill (tea, BrewTea), {args.clients} client processes x "
        f"{args.concurrency} threads, up to {args.requests} requests or {args.seconds:g} s, "
        f"{meta['cpus']} CPUs, load average {meta['load_average_1m']} at the end"
    )
    print("| workers | requests ok | failed | req/s | p50 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        failed = sum(row["errors"].values())
        print(
            f"| {row['workers']} | {row['ok']} | {failed} | {row['rps']} | "
            f"{row['p50_ms']} | {row['p99_ms']} |"
        )


if __name__ == "__main__":
    main()
