"""ha_replicas.py: a primary, two streaming hot standbys and pgpool-II in
front of them, all on this machine in one temporary directory (test_ha.py).

Every server runs as postgres (initdb refuses root) on 127.0.0.1 and a socket
in that directory; stop() ends them all and removes the directory, whatever
was started."""

import os
import shutil
import signal
import socket
import subprocess
import time

from checks import free_port, pg_bin, postgres_tempdir

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATABASE = "fraiseql_ha"
USER = "postgres"


def as_postgres(args, **kw):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--"] + args
    return subprocess.run(args, capture_output=True, text=True, check=True, **kw)


def wait_port(port, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(what + " did not listen on port %d" % port)


def log_tail(directory, name):
    try:
        with open(os.path.join(directory, name + ".log")) as f:
            return f.read()[-3000:]
    except OSError:
        return ""


def stop_postgres(data):
    """pg_ctl stop -m immediate of the server whose postmaster.pid is in data,
    when that process is still there (a killed node leaves its file behind)."""
    try:
        with open(os.path.join(data, "postmaster.pid")) as f:
            os.kill(int(f.readline()), 0)
    except (OSError, ValueError):
        return
    try:
        as_postgres([pg_bin("pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"])
    except subprocess.CalledProcessError as e:
        print("# %s: %s" % (data, e.stderr.strip()))


def conninfo(port, dbname=DATABASE, **extra):
    words = ["host=127.0.0.1", "port=%d" % port, "user=" + USER, "dbname=" + dbname]
    words += ["%s=%s" % item for item in extra.items()]
    return " ".join(words)


def load_demo(port, create_database=True):
    """The demo schema, data and SDL (test/demo) into DATABASE on the server at port."""
    env = dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(port), PGUSER=USER, PGDATABASE="postgres")
    if create_database:
        subprocess.run(["psql", "-X", "-q", "-c", "CREATE DATABASE " + DATABASE], env=env, check=True,
                       capture_output=True)
    env["PGDATABASE"] = DATABASE
    subprocess.run(["bash", "-c", ". test/scripts/demo_database.sh && load_demo_database"], cwd=ROOT, env=env,
                   check=True)


class Replicas:
    def __init__(self):
        self.dir = postgres_tempdir("fraiseql-ha.")
        self.data = {}  # name -> data directory of each server started
        self.ports = {}
        self.pgpool = None
        self.pgpool_port = None

    def _start(self, name, port):
        data = self.data[name]
        as_postgres([pg_bin("pg_ctl"), "-D", data, "-w", "-t", "120", "-l", os.path.join(self.dir, name + ".log"),
                     "-o", "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c track_functions=all"
                     % (port, self.dir), "start"])
        self.ports[name] = port

    def start_primary(self):
        self.data["primary"] = os.path.join(self.dir, "primary")
        as_postgres([pg_bin("initdb"), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C.UTF-8",
                     "-D", self.data["primary"]])
        self._start("primary", free_port())

    def start_standby(self, name):
        """A pg_basebackup -R of the primary, started as a hot standby."""
        self.data[name] = os.path.join(self.dir, name)
        as_postgres([pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", USER,
                     "-D", self.data[name], "-R", "-X", "stream", "-c", "fast"])
        self._start(name, free_port())

    def start_pgpool(self, standbys):
        """pgpool-II in streaming-replication mode: the primary takes no
        reads (weight 0), the standbys share them. fraiseql.execute is
        VOLATILE (it also runs mutations), so pgpool would send every call to
        the primary: read_only_function_list tells it that these calls read."""
        self.pgpool_port = free_port()
        conf = os.path.join(self.dir, "pgpool.conf")
        lines = [
            "backend_clustering_mode = 'streaming_replication'",
            "listen_addresses = '127.0.0.1'",
            "port = %d" % self.pgpool_port,
            "unix_socket_directories = '%s'" % self.dir,
            "pcp_listen_addresses = ''",
            "pcp_port = %d" % free_port(),
            "pcp_socket_dir = '%s'" % self.dir,
            "wd_ipc_socket_dir = '%s'" % self.dir,
            "pid_file_name = '%s/pgpool.pid'" % self.dir,
            "logdir = '%s'" % self.dir,
            "num_init_children = 8",
            "max_pool = 2",
            # No cached backends: each ends with its session and so reports
            # its function statistics, which the test counts per standby.
            "connection_cache = off",
            "load_balance_mode = on",
            "read_only_function_list = 'fraiseql.execute,execute'",
            "sr_check_period = 1",
            "sr_check_user = '%s'" % USER,
            "sr_check_password = ''",
            "health_check_period = 0",
            "failover_on_backend_error = off",
            "enable_pool_hba = off",
        ]
        for n, name in enumerate(["primary"] + standbys):
            lines += ["backend_hostname%d = '127.0.0.1'" % n, "backend_port%d = %d" % (n, self.ports[name]),
                      "backend_weight%d = %d" % (n, 0 if name == "primary" else 1),
                      "backend_data_directory%d = '%s'" % (n, self.data[name]),
                      "backend_flag%d = 'DISALLOW_TO_FAILOVER'" % n,
                      "backend_application_name%d = '%s'" % (n, name)]
        with open(conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        pcp = os.path.join(self.dir, "pcp.conf")
        open(pcp, "w").close()
        if os.getuid() == 0:
            for path in (conf, pcp):
                shutil.chown(path, "postgres", "postgres")
        command = ["/usr/sbin/pgpool", "-n", "-f", conf, "-F", pcp]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        log = open(os.path.join(self.dir, "pgpool.log"), "w")
        # A session of its own: stop() ends pgpool and all its children at once.
        self.pgpool = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        wait_port(self.pgpool_port, "pgpool")

    def stop_server(self, name):
        as_postgres([pg_bin("pg_ctl"), "-D", self.data[name], "-m", "immediate", "-w", "stop"])

    def log(self, name):
        return log_tail(self.dir, name)

    def stop(self):
        if self.pgpool is not None:
            try:
                os.killpg(self.pgpool.pid, signal.SIGTERM)
                self.pgpool.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.pgpool.pid, signal.SIGKILL)
                except OSError:
                    pass
        for data in self.data.values():
            stop_postgres(data)
        shutil.rmtree(self.dir, ignore_errors=True)
