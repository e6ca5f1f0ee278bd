"""Load test of `yusuan serve` on loopback: N concurrent uploads of the embedded example
(default 50) to POST /api/check; every answer must be 200 with the same findings as the
API gives in-process. Prints the median and p95 latency (no timed assertion: machines here
are shared and noisy).

    PYTHONPATH=src python benchmarks/bench_web.py [--n 50] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import threading
import time

import httpx
import uvicorn

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.report.writers import report_dict
from yusuan.web import Settings, create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _run(url: str, n: int, data: bytes, expected: list[str]) -> tuple[list[float], int]:
    latencies: list[float] = []
    wrong = 0
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(timeout=600, limits=limits) as client:

        async def one(i: int) -> None:
            nonlocal wrong
            t0 = time.perf_counter()
            r = await client.post(url + "/api/check", files={"file": (f"example-{i}.txt", data, "text/plain")})
            latencies.append(time.perf_counter() - t0)
            if r.status_code != 200 or [f["fingerprint"] for f in r.json()["findings"]] != expected:
                wrong += 1
                print(f"request {i}: HTTP {r.status_code} {r.text[:200]}", file=sys.stderr)

        await asyncio.gather(*(one(i) for i in range(n)))
    return latencies, wrong


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50, help="concurrent uploads")
    ap.add_argument("--workers", type=int, default=2, help="audits at once (yusuan serve --workers)")
    args = ap.parse_args()
    data = example_path().read_bytes()
    reading = read(example_path())
    expected = [f["fingerprint"] for f in report_dict(audit(reading.disclosure))["findings"]]
    port = _free_port()
    app = create_app(Settings(workers=args.workers, queue=max(64, args.n)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        t0 = time.perf_counter()
        latencies, wrong = asyncio.run(_run(f"http://127.0.0.1:{port}", args.n, data, expected))
        wall = time.perf_counter() - t0
    finally:
        server.should_exit = True
        thread.join(10)
    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)]
    print(f"{args.n} concurrent uploads of the example, {args.workers} workers: {args.n - wrong}/{args.n} answered correctly")
    print(
        f"latency median {statistics.median(latencies):.2f} s, p95 {p95:.2f} s, max {latencies[-1]:.2f} s; "
        f"all done in {wall:.2f} s ({args.n / wall:.1f} documents/s)"
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
