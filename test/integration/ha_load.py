"""ha_load.py: the Python example app (examples/python/app_psycopg.py) as a
process of its own, and clients that send it GraphQL over HTTP (test_ha.py)."""

import http.client
import json
import os
import signal
import subprocess
import threading
import time

from checks import free_port
from ha_replicas import ROOT

ADA = "00000000-0000-4000-8000-000000000001"
CREATE = ('mutation M($t: String!) { createPost(input: {title: $t}) { __typename '
          '... on CreatePostSuccess { post { id title } } ... on CreatePostError { status } } }')


class App:
    """uvicorn serving the example app on a psycopg pool opened on `dsn`."""

    def __init__(self, dsn, log_path, pool_size=10):
        self.port = free_port()
        # PGUSER: libpq's default for a connection string without a user.
        env = dict(os.environ, DATABASE_URL=dsn, POOL_SIZE=str(pool_size), PGUSER=os.environ.get("PGUSER", "postgres"))
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "examples/python/app_psycopg.py"),
                                         "--port", str(self.port)], env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.post("{ __typename }")[0] == 200:
                    return
            except OSError:
                pass
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        self.stop()
        with open(log_path) as f:
            raise RuntimeError("the app did not start: " + f.read()[-2000:])

    def post(self, query, variables=None, headers=None, timeout=60, connection=None):
        """(status, parsed body) of one POST /graphql."""
        own = connection is None
        conn = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("POST", "/graphql", json.dumps({"query": query, "variables": variables}),
                         dict({"Content-Type": "application/json"}, **(headers or {})))
            response = conn.getresponse()
            body = response.read()
            try:
                return response.status, json.loads(body)
            except ValueError:
                return response.status, body
        finally:
            if own:
                conn.close()

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


class MutationLoad:
    """`clients` threads, each sending createPost mutations with titles of
    its own ("ha-<client>-<n>") one after the other until told to stop; each
    outcome is kept as (title, sent at, answered at, acknowledged)."""

    def __init__(self, app, clients):
        self.app = app
        self.stopping = threading.Event()
        self.outcomes = [[] for _ in range(clients)]
        self.threads = [threading.Thread(target=self._client, args=(n,)) for n in range(clients)]

    def start(self):
        for t in self.threads:
            t.start()

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join()

    def _client(self, n):
        seq = 0
        while not self.stopping.is_set():
            title = "ha-%d-%d" % (n, seq)
            seq += 1
            sent = time.monotonic()
            try:
                status, body = self.app.post(CREATE, {"t": title}, {"X-User-Id": ADA}, timeout=30)
                post = (body.get("data") or {}).get("createPost") if isinstance(body, dict) else None
                # Acknowledged: the app answered a Success naming this very post.
                ok = (status == 200 and post is not None and post["__typename"] == "CreatePostSuccess"
                      and post["post"]["title"] == title)
            except (OSError, http.client.HTTPException):
                ok = False
            self.outcomes[n].append((title, sent, time.monotonic(), ok))
            if not ok:
                time.sleep(0.05)  # a failing service is not hammered

    def all(self):
        return [o for client in self.outcomes for o in client]
