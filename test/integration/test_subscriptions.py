#!/usr/bin/python3
"""test_subscriptions.py: subscriptions end to end (issue 21) with the reference clients.

Against the running test cluster (PGHOST, PGPORT, PGUSER as run_tests.sh
exports them): installs ./python into a fresh venv, loads
test/subscriptions/schema.sql and schema.graphql into a database of its own
(tasks of two tenants under row-level security, the role subs_app, the notify
trigger), starts test/subscriptions/server.py from the venv as subs_app (queue
of 16 events per subscriber, 1 s connection_init timeout), installs the pinned
npm packages (npm ci) and runs test/subscriptions/subscriptions_test.mjs:
npm graphql-ws and graphql-sse against the server (fan-out, rollback, tenants,
argument filters, @skip/fragments/aliases, refusals, the protocol's close
codes, shared execution, slow consumers, a lost listener connection, 10,000
subscribe/complete cycles). Then: the server's log holds no traceback, it
stops on SIGTERM, and no backend of the app role is left behind.
Prints "subscriptions: N passed, M failed".
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checks import Checks, free_port  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
HERE = os.path.join(ROOT, "test", "subscriptions")
DATABASE = "fraiseql_subscriptions"
ROLE = "subs_app"
suite = Checks()
check = suite.check


def psql(sql, database=DATABASE, **kwargs):
    return subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                          capture_output=True, text=True, **kwargs)


def set_up_database():
    admin = dict(os.environ, PGDATABASE="postgres")
    subprocess.run(["dropdb", "--if-exists", DATABASE], env=admin, check=True)
    subprocess.run(["psql", "-Xq", "-d", "postgres", "-c", "DROP ROLE IF EXISTS " + ROLE], check=True)
    subprocess.run(["createdb", DATABASE], env=admin, check=True)
    run = subprocess.run(["psql", "-Xq", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-c", "CREATE EXTENSION fraiseql",
                          "-f", os.path.join(HERE, "schema.sql")], capture_output=True, text=True)
    check(run.returncode == 0, "schema.sql loads", run.stderr)
    with open(os.path.join(HERE, "schema.graphql")) as sdl:
        run = subprocess.run(["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-d", DATABASE, "-v", "sdl=" + sdl.read()],
                             input="SELECT fraiseql.load_schema(:'sdl')", capture_output=True, text=True)
    check(run.returncode == 0, "load_schema accepts the Subscription type and @notify", run.stderr)
    return run.returncode == 0


def drop_database():
    subprocess.run(["dropdb", "--if-exists", DATABASE], env=dict(os.environ, PGDATABASE="postgres"))
    subprocess.run(["psql", "-Xq", "-d", "postgres", "-c", "DROP ROLE IF EXISTS " + ROLE])


def install_venv(work):
    source = os.path.join(work, "python")
    shutil.copytree(os.path.join(ROOT, "python"), source)
    venv = os.path.join(work, "venv")
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
    pip = subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--no-build-isolation", "--no-index", source],
                         capture_output=True, text=True)
    check(pip.returncode == 0, "pip install ./python in a fresh venv", pip.stdout + pip.stderr)
    return os.path.join(venv, "bin", "python")


def npm_ci():
    stamp = os.path.join(HERE, "node_modules", ".package-lock.json")
    lock = os.path.join(HERE, "package-lock.json")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return True
    run = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE,
                         capture_output=True, text=True)
    check(run.returncode == 0, "npm ci in test/subscriptions", run.stdout + run.stderr)
    return run.returncode == 0


def wait_ready(port, process):
    deadline = time.time() + 30
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=2).read()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def main():
    work = tempfile.mkdtemp(prefix="fraiseql-subscriptions-")
    server = None
    log_path = os.path.join(work, "server.log")
    try:
        python = install_venv(work)
        if not set_up_database() or not npm_ci():
            return finish()
        port = free_port()
        env = dict(os.environ, PGDATABASE=DATABASE, PGUSER=ROLE, QUEUE_SIZE="16", INIT_TIMEOUT="1", POOL_SIZE="4")
        with open(log_path, "w") as log:
            # The venv's python, from outside the source tree: the installed package is what runs.
            server = subprocess.Popen([python, os.path.join(HERE, "server.py"), "--port", str(port)], env=env,
                                      stdout=log, stderr=subprocess.STDOUT, cwd=work)
        if not wait_ready(port, server):
            check(False, "the server starts", open(log_path).read())
            return finish()
        node = subprocess.run(["node", os.path.join(HERE, "subscriptions_test.mjs"), "http://127.0.0.1:%d" % port],
                              env=dict(os.environ, PGDATABASE=DATABASE, PGUSER=ROLE), capture_output=True,
                              text=True, timeout=900)
        sys.stdout.write(node.stdout)
        sys.stdout.write(node.stderr)
        summary = re.findall(r"^node-subscriptions: (\d+) passed, (\d+) failed", node.stdout, re.M)
        if summary:
            suite.passed += int(summary[-1][0])
            suite.failed += int(summary[-1][1])
        check(summary and node.returncode == (1 if int(summary[-1][1]) else 0),
              "the reference-client run reports a summary", "exit status %d" % node.returncode)
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
            check(True, "the server stops on SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            check(False, "the server stops on SIGTERM (killed after 20 s)")
        log = open(log_path).read()
        check("Traceback" not in log, "the server logged no traceback", log[-3000:])
        deadline = time.time() + 10  # a backend exits just after its client has gone
        while True:
            left = psql("SELECT count(*) FROM pg_stat_activity WHERE usename = '%s'" % ROLE)
            if left.stdout.strip() == "0" or time.time() > deadline:
                break
            time.sleep(0.1)
        check(left.stdout.strip() == "0", "no backend of the app role is left (listener and pool closed)",
              left.stdout + left.stderr)
    finally:
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        drop_database()
        shutil.rmtree(work, ignore_errors=True)
    return finish()


def finish():
    return suite.summary("subscriptions") or (0 if suite.passed > 0 else 1)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # counted, so a crash never passes for a green run
        import traceback

        check(False, "the suite ran to its end", traceback.format_exc())
        sys.exit(finish() or 1)
