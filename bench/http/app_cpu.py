#!/usr/bin/env python3
"""app_cpu.py: the Python CPU of one request inside each app, without the HTTP
server (issue 17: "per-request Python CPU drops by at least half").

Each app is driven as uvicorn drives it, in this process: an ASGI scope, a
receive that hands over the body, a send that keeps the response. What is
counted is this process's CPU time (time.process_time) per request over
--requests requests, --concurrency at a time, so it covers the app, its
framework's routing and the database client, and leaves out uvicorn's HTTP
parsing and the socket (the same for every app: the /noop rows of
run_http_bench.py measure it). Apps, alternated for --rounds rounds:
- fraiseql-py: examples/python/app.py (FastAPI mounting fraiseql_asgi);
- handwritten: bench/http/handwritten_app.py;
- any --extra-app NAME=DIR: a directory holding an older examples/python
  (app.py and what it imports), e.g. `git archive 857999a examples/python`.
--profile NAME prints cProfile's top functions for that app.

Against the cluster in PGHOST/PGPORT with bench/sql's data loaded
(run_http_bench.py or bench/sql/run_bench.py loads it).
"""

import argparse
import asyncio
import cProfile
import importlib.util
import json
import os
import pstats
import random
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from http_workloads import HTTP_WORKLOADS, graphql_value, param_value  # noqa: E402


def load_module(name, path):
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.path.pop(0)
    return module


class Driver:
    """Sends requests to one ASGI app the way uvicorn would."""

    def __init__(self, name, app, kind):
        self.name, self.app, self.kind = name, app, kind

    async def lifespan(self, event):
        """Sends lifespan.startup (the app starts its pool) or, later, lifespan.shutdown."""
        if event == "startup":
            self.inbox, self.outbox = asyncio.Queue(), asyncio.Queue()
            scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
            self.lifespan_task = asyncio.ensure_future(self.app(scope, self.inbox.get, self.outbox.put))
        await self.inbox.put({"type": "lifespan." + event})
        reply = await self.outbox.get()
        if not reply["type"].endswith(".complete"):
            raise SystemExit(f"{self.name}: {reply}")
        if event == "shutdown":
            await self.lifespan_task

    def request(self, workload, n):
        """The scope and body of request n."""
        headers = [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"autocannon")]
        if self.kind == "get":
            query = ""
            if workload.param:
                from urllib.parse import quote
                query = f"{workload.param}={quote(param_value(workload.param, n))}"
            return self.scope("GET", "/" + workload.name, query, headers), b""
        body = {"query": workload.query}
        if workload.param:
            body["variables"] = {workload.param: graphql_value(workload.param, n)}
        body = json.dumps(body).encode()
        headers += [(b"content-type", b"application/json"), (b"accept", b"application/json"),
                    (b"content-length", str(len(body)).encode())]
        return self.scope("POST", "/graphql", "", headers), body

    def scope(self, method, path, query, headers):
        return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
                "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 40000), "scheme": "http",
                "method": method, "root_path": "", "path": path, "raw_path": path.encode(),
                "query_string": query.encode(), "headers": headers, "state": {}}

    async def one(self, scope, body):
        sent = []

        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message):
            sent.append(message)

        await self.app(scope, receive, send)
        status = sent[0]["status"]
        if status != 200:
            raise SystemExit(f"{self.name}: status {status}: {sent[1].get('body')!r}")
        return sent[1]["body"]

    async def run(self, workload, requests, concurrency):
        prepared = [self.request(workload, random.randint(1, 10000)) for _ in range(requests)]
        queue = iter(prepared)

        async def worker():
            for scope, body in queue:
                await self.one(scope, body)

        start = time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return (time.process_time() - start) / requests * 1e6


def make_drivers(extra):
    os.environ.setdefault("POOL_SIZE", "10")
    drivers = [Driver("fraiseql-py", load_module("fraiseql_example", os.path.join(ROOT, "examples/python/app.py")).app,
                      "graphql"),
               Driver("handwritten", load_module("handwritten_app", os.path.join(HERE, "handwritten_app.py")).app,
                      "get")]
    for item in extra:
        name, _, directory = item.partition("=")
        drivers.append(Driver(name, load_module(name.replace("-", "_"), os.path.join(directory, "app.py")).app,
                              "graphql"))
    return drivers


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=["point_lookup"], help="workload names")
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--extra-app", action="append", default=[], metavar="NAME=DIR")
    ap.add_argument("--profile", metavar="NAME", help="print cProfile's top functions for this app")
    args = ap.parse_args()
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = (f"postgresql://{os.environ.get('PGUSER', 'postgres')}@127.0.0.1:"
                                      f"{os.environ['PGPORT']}/{os.environ.get('PGDATABASE', 'postgres')}")
    drivers = make_drivers(args.extra_app)
    for d in drivers:
        await d.lifespan("startup")
    workloads = [w for w in HTTP_WORKLOADS if w.name in args.only]
    print(f"# Python CPU per request inside the app (no HTTP server), {args.requests} requests x {args.rounds} "
          f"alternating rounds, {args.concurrency} at a time; load average {os.getloadavg()[0]:.2f}")
    print("| workload | " + " | ".join(f"{d.name} us" for d in drivers) + " | rounds (us) |")
    print("|---|" + "---:|" * len(drivers) + "---|")
    for w in workloads:
        for d in drivers:  # warm-up: plan caches, statement caches, pool connections
            await d.run(w, 500, args.concurrency)
        samples = {d.name: [] for d in drivers}
        for _ in range(args.rounds):
            for d in drivers:
                samples[d.name].append(await d.run(w, args.requests, args.concurrency))
        med = {k: statistics.median(v) for k, v in samples.items()}
        spread = "; ".join(f"{k} " + ", ".join(f"{x:.0f}" for x in v) for k, v in samples.items())
        print(f"| {w.name} | " + " | ".join(f"{med[d.name]:.1f}" for d in drivers) + f" | {spread} |", flush=True)
        if args.profile:
            d = next(d for d in drivers if d.name == args.profile)
            profiler = cProfile.Profile()
            profiler.enable()
            await d.run(w, args.requests, args.concurrency)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    for d in drivers:
        await d.lifespan("shutdown")


if __name__ == "__main__":
    try:  # uvicorn's loop when uvloop is installed (loop="auto"), as the HTTP benchmark runs it
        import uvloop
        uvloop.install()
    except ImportError:
        pass
    asyncio.run(main())
