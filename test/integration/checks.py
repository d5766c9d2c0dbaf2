"""checks.py: what the integration suites share: counting checks in the
"ok - ..." / "not ok - ..." form with the "NAME: N passed, M failed" line that
test/scripts/run_tests.sh reads, and finding PostgreSQL programs and ports."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile

PG_CONFIG = os.environ.get("PG_CONFIG", "/usr/lib/postgresql/15/bin/pg_config")


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print("ok - " + name, flush=True)
        else:
            self.failed += 1
            print("not ok - " + name + (": " + detail if detail else ""), flush=True)

    def summary(self, suite):
        """Prints the line run_tests.sh reads; returns the exit status."""
        print("{}: {} passed, {} failed".format(suite, self.passed, self.failed))
        return 0 if self.failed == 0 else 1


def exit_on_signals():
    """SIGTERM and SIGINT raise SystemExit: the finally blocks that stop what a
    suite started still run."""
    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)


def pg_bin(name):
    """A program of the PostgreSQL that PG_CONFIG names (its bindir with "")."""
    bindir = subprocess.run([PG_CONFIG, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    return os.path.join(bindir, name)


def postgres_tempdir(prefix):
    """A new directory under /tmp that the servers (run as postgres) may write."""
    path = tempfile.mkdtemp(prefix=prefix)
    os.chmod(path, 0o755)
    if os.getuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    return path


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def dsn(dbname):
    """A libpq connection string to `dbname` on the test cluster (PGHOST/PGPORT)."""
    return "host={} port={} user={} dbname={}".format(
        os.environ["PGHOST"], os.environ["PGPORT"], os.environ.get("PGUSER", "postgres"), dbname)


def fresh_database(name):
    """Drops and creates `name` on the test cluster."""
    import psycopg  # only the suites that make databases need it
    with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS " + name)
        conn.execute("CREATE DATABASE " + name)


def run_dropping(suite, run, databases):
    """Runs run(checks) for `suite`; a crash is one failed check after what ran
    so far. Then drops `databases` (made with fresh_database) and prints the
    summary; returns the exit status."""
    import traceback
    import psycopg
    checks = Checks()
    try:
        run(checks)
    except Exception:
        traceback.print_exc()
        checks.check(False, "the suite ran to its end")
    finally:
        try:
            with psycopg.connect(dsn("postgres"), autocommit=True) as conn:
                for name in databases:
                    conn.execute("DROP DATABASE IF EXISTS " + name)
        except psycopg.Error:
            pass
    return checks.summary(suite)
