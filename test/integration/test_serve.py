#!/usr/bin/python3
"""test_serve.py: `make serve`'s script (test/scripts/serve.sh) as a user meets it.

- A taken port: a clear message naming the port, exit status 2, and no
  cluster started.
- A normal run: it prints "serve: ready"; the three curl commands it prints
  are run exactly as printed (through the shell) and must answer the demo's
  data, the connection page and the mutation's Success; GET /graphql with
  Accept: text/html serves GraphiQL (when it was installed); the psql string
  it prints connects. Then SIGINT to its process group, as Ctrl-C in a
  terminal sends: exit status 0, the app and the cluster stopped, the cluster
  directory gone.

Needs the built extension installed (run_tests.sh does that) and a free port
or two; the cluster is the script's own. Prints "serve: N passed, M failed".
"""

import glob
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCRIPT = os.path.join(ROOT, "test", "scripts", "serve.sh")
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what + (": " + detail if detail else ""))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def cluster_dirs():
    return set(glob.glob("/tmp/fraiseql-cluster.*"))


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def taken_port():
    before = cluster_dirs()
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        run = subprocess.run([SCRIPT], env=dict(os.environ, SERVE_PORT=str(port)), capture_output=True, text=True,
                             timeout=120)
    finally:
        holder.close()
    check(run.returncode == 2, "a taken port: exit status 2", "got {}".format(run.returncode))
    check("port {} on 127.0.0.1 is taken".format(port) in run.stderr and "SERVE_PORT=" in run.stderr,
          "a taken port: the message names the port and the way out", run.stderr.strip())
    check(cluster_dirs() == before, "a taken port: no cluster was started")


def printed_curls(text):
    """The curl commands of serve.sh's output, continuation lines joined."""
    commands, current = [], None
    for line in text.split("\n"):
        stripped = line.strip()
        if current is not None:
            current += " " + stripped.rstrip("\\").strip()
            if not stripped.endswith("\\"):
                commands.append(current)
                current = None
        elif stripped.startswith("curl "):
            current = stripped.rstrip("\\").strip()
            if not stripped.endswith("\\"):
                commands.append(current)
                current = None
    return commands


def normal_run():
    before = cluster_dirs()
    port = free_port()
    process = subprocess.Popen([SCRIPT], env=dict(os.environ, SERVE_PORT=str(port)), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output = []
    deadline = time.time() + 120
    ready = False
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        if line.strip() == "serve: ready":
            ready = True
            break
    text = "".join(output)
    check(ready, "serve.sh prints 'serve: ready'", text[-2000:])
    if not ready:
        os.killpg(process.pid, signal.SIGKILL)
        return
    # Its cluster: the new directory holding the socket of the printed port
    # (other clusters may come and go meanwhile).
    dsn = re.search(r'psql "postgresql://[^:]+:(\d+)/[^"]+"', text)
    pg_port = dsn.group(1) if dsn else "?"
    new_dirs = {d for d in cluster_dirs() - before if os.path.exists(os.path.join(d, ".s.PGSQL." + pg_port))}
    check(len(new_dirs) == 1, "one cluster directory while serving", str(new_dirs))

    curls = printed_curls(text)
    check(len(curls) == 3, "three curl commands printed", str(curls))
    expectations = [
        ('"firstName":"Ada","posts":[{"title":"Notes on the Analytical Engine"}]', "the users query"),
        ('"usersConnection":{"edges":[{"node":{"email":"ada@example.com"}}],"pageInfo":{"hasNextPage":true',
         "the connection query"),
        ('{"data":{"createPost":{"__typename":"CreatePostSuccess","post":{"title":"Hello"}}}}', "the mutation"),
    ]
    for command, (expected, what) in zip(curls, expectations):
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=30)
        check(expected in result.stdout, "the printed curl for " + what + " answers", result.stdout + result.stderr)

    url = "http://127.0.0.1:{}/graphql".format(port)
    if "GraphiQL:          " + url in text:
        request = urllib.request.Request(url, headers={"Accept": "text/html"})
        with urllib.request.urlopen(request, timeout=10) as response:
            page = response.read().decode()
        check("graphiql" in page.lower(), "GraphiQL is served at the printed URL")
    dsn = re.search(r'psql "([^"]+)"', text)
    check(dsn is not None, "a psql connection string is printed")
    if dsn:
        result = subprocess.run(["psql", "-X", "-At", dsn.group(1), "-c",
                                 "SELECT count(*) FROM demo.v_user"], capture_output=True, text=True, timeout=30)
        check(result.stdout.strip() == "4", "the printed psql string connects to the demo", result.stderr)

    app_pids = subprocess.run(["pgrep", "-f", "examples/python/app.py --host 127.0.0.1 --port {}".format(port)],
                              capture_output=True, text=True).stdout.split()
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends
    try:
        status = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        status = None
    rest = process.stdout.read()
    check(status == 0, "Ctrl-C: exit status 0", "got {}: {}".format(status, rest[-500:]))
    time.sleep(0.5)
    check(app_pids and not any(alive(int(p)) for p in app_pids), "Ctrl-C: the app is stopped", str(app_pids))
    check(new_dirs and not (new_dirs & cluster_dirs()), "Ctrl-C: the cluster is stopped and its directory removed")
    for d in new_dirs:
        postmaster = subprocess.run(["pgrep", "-f", "postgres -D " + d], capture_output=True, text=True).stdout
        check(not postmaster.strip(), "Ctrl-C: no server of the cluster is left", postmaster)


def main():
    taken_port()
    normal_run()
    print("serve: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
