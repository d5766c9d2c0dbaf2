"""ha_autofailover.py: a pg_auto_failover formation on this machine (test_ha.py):
a monitor and two Postgres nodes (primary and secondary, synchronous
replication), each run by its own `pg_autoctl run` in a session of its own, so
that kill_node() can SIGKILL a whole node (keeper and postgres) as a machine
dying would, and stop() can end everything.

pg_autoctl drives the postgres that PG_CONFIG names (--pgctl), and that
installation must hold the pgautofailover extension: Debian's
postgresql-15-auto-failover puts it into the system PostgreSQL."""

import json
import os
import shutil
import signal
import subprocess
import time

from checks import free_port, pg_bin, postgres_tempdir
from ha_replicas import DATABASE, USER, as_postgres, log_tail, stop_postgres

# The monitor declares a node dead after a few missed health checks; these
# (milliseconds) make that take about 3 s instead of the default 20 s or more.
MONITOR_SETTINGS = {
    "pgautofailover.health_check_period": 1000,
    "pgautofailover.health_check_timeout": 1000,
    "pgautofailover.health_check_max_retries": 1,
    "pgautofailover.health_check_retry_delay": 500,
    "pgautofailover.node_considered_unhealthy_timeout": 3000,
    # How long the monitor waits for a lost primary to confirm its demotion
    # before promoting (default 30 s): a fenced-off old primary must have
    # stopped taking writes by then, see docs/ha.md.
    "pgautofailover.primary_demote_timeout": 3000,
}


class Formation:
    def __init__(self):
        self.dir = postgres_tempdir("fraiseql-ha-paf.")
        # pg_autoctl keeps its state and pid files under XDG_*: inside our directory.
        # PG_REGRESS_SOCK_DIR: where pg_autoctl has postgres put its socket.
        self.env = ["XDG_CONFIG_HOME=" + os.path.join(self.dir, "config"),
                    "XDG_DATA_HOME=" + os.path.join(self.dir, "share"),
                    "XDG_RUNTIME_DIR=" + os.path.join(self.dir, "run"),
                    "PG_REGRESS_SOCK_DIR=" + self.dir, "PGHOST=" + self.dir]
        self.runs = {}  # name -> Popen of its `pg_autoctl run`
        self.ports = {}
        self.monitor_uri = None

    def pgdata(self, name):
        return os.path.join(self.dir, name)

    def autoctl(self, *args, timeout=180):
        """pg_autoctl args, as postgres, to completion; its output."""
        return as_postgres(["env"] + self.env + ["pg_autoctl"] + list(args), timeout=timeout).stdout

    def _spawn(self, name, *args):
        """pg_autoctl args, as postgres, in the background, in a session of
        its own (kill_node and stop signal the whole session)."""
        command = ["env"] + self.env + ["pg_autoctl"] + list(args)
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        log = open(os.path.join(self.dir, name + ".log"), "a")
        self.runs[name] = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def start_monitor(self):
        port = free_port()
        self.autoctl("create", "monitor", "--pgdata", self.pgdata("monitor"), "--pgport", str(port),
                     "--pgctl", pg_bin("pg_ctl"), "--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl")
        self.ports["monitor"] = port
        # `create monitor` has no --listen and listens on every address; the
        # monitor trusts its clients here, so keep it on the loopback.
        self.autoctl("config", "set", "--pgdata", self.pgdata("monitor"), "postgresql.listen_addresses", "127.0.0.1")
        self._spawn("monitor", "run", "--pgdata", self.pgdata("monitor"))
        self.monitor_uri = "postgres://autoctl_node@127.0.0.1:%d/pg_auto_failover?sslmode=disable" % port
        self._wait(lambda: self._monitor_sql("SELECT 1") == "1", "the monitor", 60)
        for name, value in MONITOR_SETTINGS.items():
            self._monitor_sql("ALTER SYSTEM SET %s = %d" % (name, value))
        self._monitor_sql("SELECT pg_reload_conf()")

    def _monitor_sql(self, sql):
        try:
            return subprocess.run(["psql", "-X", "-At", "-h", "127.0.0.1", "-p", str(self.ports["monitor"]), "-U",
                                   "postgres", "-d", "pg_auto_failover", "-c", sql], capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except subprocess.TimeoutExpired:
            return ""

    def add_node(self, name):
        """Creates the node (the first is the primary, the next one a
        secondary cloned from it) and starts its keeper."""
        port = free_port()
        self.ports[name] = port
        create = ["create", "postgres", "--pgdata", self.pgdata(name), "--pgport", str(port), "--pgctl",
                  pg_bin("pg_ctl"), "--hostname", "127.0.0.1", "--listen", "127.0.0.1", "--name", name,
                  "--dbname", DATABASE, "--username", USER, "--auth", "trust", "--no-ssl",
                  "--monitor", self.monitor_uri, "--run"]
        self._spawn(name, *create)  # with --run it goes on as the node's keeper

    def checkpoint(self, name):
        """A secondary's pg_basebackup waits for a checkpoint, spread over
        minutes by default: one now makes that wait short."""
        subprocess.run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(self.ports[name]), "-U", USER, "-d", DATABASE,
                        "-c", "CHECKPOINT"], check=True, capture_output=True)

    def states(self):
        """{node name: (reported state, goal state)} as the monitor sees them."""
        out = self._monitor_sql("SELECT json_object_agg(nodename, json_build_array(reportedstate, goalstate)) "
                                "FROM pgautofailover.node")
        try:
            return {k: tuple(v) for k, v in (json.loads(out) or {}).items()}
        except ValueError:
            return {}

    def wait_states(self, wanted, seconds):
        """Waits until every node named in wanted reports (and aims at) its state."""
        self._wait(lambda: all(self.states().get(n) == (s, s) for n, s in wanted.items()),
                   "states %r (now %r)" % (wanted, "{states}"), seconds)

    def _wait(self, ready, what, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.2)
        raise RuntimeError("timed out waiting for " + what.replace("{states}", repr(self.states())))

    def uri(self):
        """The application's connection string, as pg_auto_failover gives it:
        every node, target_session_attrs=read-write."""
        out = self.autoctl("show", "uri", "--formation", "default", "--pgdata", self.pgdata("monitor"))
        uris = [line.strip() for line in out.splitlines() if line.strip().startswith("postgres://")]
        if not uris:
            raise RuntimeError("no formation uri in " + repr(out))
        return uris[-1]

    def kill_node(self, name):
        """SIGKILL to the node's keeper, its postgres and every backend."""
        pid = self.runs[name].pid
        os.killpg(pid, signal.SIGKILL)
        self.runs[name].wait()
        # Backends whose postmaster is gone leave as soon as they notice; make sure.
        try:
            with open(os.path.join(self.pgdata(name), "postmaster.pid")) as f:
                os.kill(int(f.readline()), signal.SIGKILL)
        except (OSError, ValueError):
            pass

    def log(self, name):
        return log_tail(self.dir, name)

    def stop(self):
        # Nodes before the monitor; SIGTERM is pg_autoctl's fast stop (its postgres too).
        for name in sorted(self.runs, key=lambda n: n == "monitor"):
            run = self.runs[name]
            if run.poll() is None:
                try:
                    os.killpg(run.pid, signal.SIGTERM)
                    run.wait(timeout=30)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            try:
                os.killpg(run.pid, signal.SIGKILL)  # anything of that session still there
            except OSError:
                pass
        for name in self.ports:
            stop_postgres(self.pgdata(name))
        shutil.rmtree(self.dir, ignore_errors=True)
