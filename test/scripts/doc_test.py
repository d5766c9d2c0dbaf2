#!/usr/bin/python3
"""doc_test.py: runs the SQL and shell blocks of README.md, docs/*.md and
examples/README.md that are marked to run, so the documentation cannot drift
from what the extension does.

A fenced ```sql or ```sh block runs when an HTML comment
`<!-- doctest: NAME -->` stands on the line before it. Blocks of one file
with the same NAME run in order (NAME is the session): SQL blocks in one
fresh database, so a later block sees what an earlier one created; shell
blocks under bash (-e -o pipefail) from the repository's root, with the
cluster's PG* variables. What a block must print:
  - a line `-- {...}` or `-- [...]` inside an SQL block: the output of the
    statement before it (psql's unaligned, tuples-only text);
  - a plain ``` block right after the block: the output of its last
    statements (for a shell block, its standard output).
The block's output lines (empty ones left out: `load_schema` returns void)
must equal those expected lines, in order; a block with no expected lines
must run without error. Each block is one check, reported as FILE:LINE.

Every ```sql and ```sh block must be marked: the ones not meant to run
(a fragment, a command that would rebuild or reinstall what the test runs)
with `<!-- doctest: skip REASON -->`; an unmarked one is a failure, so a new
block cannot silently go untested.

`<!-- doctest: NAME server -->` marks a shell block that starts a server:
it runs in the background until its session ends, and the blocks after it
are retried for up to 30 s while it comes up. Starting counts as no check:
the blocks after it are the test, and a server block with none after it in
its session fails.

Databases and roles a file's blocks create are dropped after the file.
Runs against the cluster of test/scripts/cluster.sh (PGHOST/PGPORT) as psql
does; prints "doc: N passed, M failed".
"""

import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MARKER = re.compile(r"^<!--\s*doctest:\s*([A-Za-z0-9_-]+)(\s+server)?\s*-->\s*$")
SKIP = re.compile(r"^<!--\s*doctest:\s*skip\s+\S.*-->\s*$")
LANGUAGES = {"```sql": "sql", "```sh": "sh"}
SERVER_WAIT_SECONDS = 30
EXPECTED_COMMENT = re.compile(r"^\s*--\s([\[{].*)$")


def doc_files():
    files = ["README.md"]
    docs = os.path.join(ROOT, "docs")
    if os.path.isdir(docs):
        files += sorted("docs/" + f for f in os.listdir(docs) if f.endswith(".md"))
    if os.path.exists(os.path.join(ROOT, "examples", "README.md")):
        files.append("examples/README.md")
    return files


def fenced_block(lines, start):
    """The body of the fenced block opening at lines[start], and the index
    after its closing fence (None when lines[start] opens no block)."""
    opening = lines[start].strip()
    if not opening.startswith("```"):
        return None, start
    body = []
    i = start + 1
    while i < len(lines) and lines[i].strip() != "```":
        body.append(lines[i])
        i += 1
    return body, i + 1


def unmarked_blocks(path):
    """Line numbers of sql and sh blocks with neither a run nor a skip marker."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        if lines[i].strip().startswith("```"):
            if lines[i].strip() in LANGUAGES and not (
                    i > 0 and (MARKER.match(lines[i - 1]) or SKIP.match(lines[i - 1]))):
                out.append(i + 1)
            _, i = fenced_block(lines, i)
        else:
            i += 1
    return out


def marked_blocks(path):
    """[(session, line number, language, server, text, expected lines)] in file order."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m or i + 1 >= len(lines) or lines[i + 1].strip() not in LANGUAGES:
            i += 1
            continue
        language = LANGUAGES[lines[i + 1].strip()]
        body, after = fenced_block(lines, i + 1)
        expected = [e.group(1) for e in map(EXPECTED_COMMENT.match, body) if e] if language == "sql" else []
        # A plain block right after (blank lines between are fine).
        j = after
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and lines[j].strip() == "```":
            output, after = fenced_block(lines, j)
            expected += [line for line in output if line.strip()]
        out.append((m.group(1), i + 2, language, bool(m.group(2)), "\n".join(body), expected))
        i = after
    return out


def psql(database, sql):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database],
                          input=sql, capture_output=True, text=True)


def shell_environment():
    # Debian's python3 first: the examples use its packages (a python3
    # elsewhere on PATH may lack them).
    return dict(os.environ, PATH="/usr/bin:" + os.environ.get("PATH", ""))


def shell(script):
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=shell_environment())


def names(catalog):
    """The databases or roles of the cluster (catalog: pg_database or pg_roles)."""
    column = "datname" if catalog == "pg_database" else "rolname"
    result = psql("postgres", "SELECT {} FROM pg_catalog.{}".format(column, catalog))
    return set(result.stdout.split())


def drop_created(databases, roles):
    """Drops what the blocks of one file created, so later suites start clean."""
    for database in sorted(names("pg_database") - databases):
        subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c",
                        'DROP DATABASE IF EXISTS "{}" WITH (FORCE)'.format(database.replace('"', '""'))],
                       capture_output=True)
    for role in sorted(names("pg_roles") - roles):
        subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", 'DROP ROLE IF EXISTS "{}"'.format(
            role.replace('"', '""'))], capture_output=True)


class Server:
    """A shell block running in the background, in its own process group."""

    def __init__(self, script):
        self.process = subprocess.Popen(["bash", "-c", script], cwd=ROOT, env=shell_environment(), stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.stdout.read()


def run_block(database, language, text):
    result = psql(database, text) if language == "sql" else shell(text)
    return result.returncode, [l for l in result.stdout.split("\n") if l.strip()], result.stderr.strip()


def run_session(path, session, database, blocks):
    passed = failed = 0
    servers = []
    untested_server = None
    try:
        for name, line, language, server, text, expected in blocks:
            if name != session:
                continue
            where = "{}:{} ({})".format(path, line, session)
            if server:
                # Counts nothing by itself: the blocks after it are its test.
                servers.append(Server(text))
                untested_server = where
                print("# {}: started in the background".format(where))
                continue
            untested_server = None
            deadline = time.time() + (SERVER_WAIT_SECONDS if servers else 0)
            while True:
                status, got, error = run_block(database, language, text)
                if (status == 0 and got == expected) or time.time() >= deadline:
                    break
                time.sleep(0.5)
            if status != 0:
                failed += 1
                print("not ok - {}: {} failed: {}".format(where, language, error[:500]))
            elif got != expected:
                failed += 1
                print("not ok - {}: output differs\n  expected: {}\n  got:      {}".format(where, expected, got))
            else:
                passed += 1
                print("ok - {}: {} output lines as documented".format(where, len(got)))
        if untested_server:
            failed += 1
            print("not ok - {}: a server block with no block after it in its session to test it".format(untested_server))
    finally:
        for s in servers:
            output = s.stop()
            if failed:
                print("  server output:\n" + output[-2000:])
    return passed, failed


def main():
    passed = failed = 0
    for path in doc_files():
        for line in unmarked_blocks(path):
            failed += 1
            print("not ok - {}:{}: a sql/sh block with no doctest marker (run it, or say why not with "
                  "<!-- doctest: skip REASON -->)".format(path, line))
        blocks = marked_blocks(path)
        sessions = []
        for block in blocks:
            if block[0] not in sessions:
                sessions.append(block[0])
        databases, roles = names("pg_database"), names("pg_roles")
        for n, session in enumerate(sessions):
            database = "fraiseql_doctest_{}".format(n)
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "CREATE DATABASE " + database],
                           check=True, capture_output=True)
            p, f = run_session(path, session, database, blocks)
            passed += p
            failed += f
        drop_created(databases, roles)
    print("doc: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
