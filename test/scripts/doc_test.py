#!/usr/bin/python3
"""doc_test.py: runs the SQL blocks of README.md and docs/*.md that are marked
to run, so the documentation cannot drift from what the extension does.

A fenced ```sql block runs when an HTML comment `<!-- doctest: NAME -->`
stands on the line before it. Blocks of one file with the same NAME run in
order in one fresh database (NAME is the session: a later block sees what an
earlier one created). What a block must print:
  - a line `-- {...}` or `-- [...]` inside the block: the output of the
    statement before it (psql's unaligned, tuples-only text);
  - a plain ``` block right after the sql block: the output of its last
    statements.
The block's output lines (empty ones left out: `load_schema` returns void)
must equal those expected lines, in order; a block with no expected lines
must run without error. Each block is one check, reported as FILE:LINE.

Runs against the cluster of test/scripts/cluster.sh (PGHOST/PGPORT) as psql
does; prints "doc: N passed, M failed".
"""

import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MARKER = re.compile(r"^<!--\s*doctest:\s*([A-Za-z0-9_-]+)\s*-->\s*$")
EXPECTED_COMMENT = re.compile(r"^\s*--\s([\[{].*)$")


def doc_files():
    files = ["README.md"]
    docs = os.path.join(ROOT, "docs")
    if os.path.isdir(docs):
        files += sorted("docs/" + f for f in os.listdir(docs) if f.endswith(".md"))
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


def marked_blocks(path):
    """[(session, line number, sql, expected lines)] in file order."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m or i + 1 >= len(lines) or lines[i + 1].strip() != "```sql":
            i += 1
            continue
        body, after = fenced_block(lines, i + 1)
        expected = [e.group(1) for e in map(EXPECTED_COMMENT.match, body) if e]
        # A plain block right after (blank lines between are fine).
        j = after
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines) and lines[j].strip() == "```":
            output, after = fenced_block(lines, j)
            expected += [line for line in output if line.strip()]
        out.append((m.group(1), i + 2, "\n".join(body), expected))
        i = after
    return out


def psql(database, sql):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database],
                          input=sql, capture_output=True, text=True)


def main():
    passed = failed = 0
    for path in doc_files():
        blocks = marked_blocks(path)
        sessions = []
        for session, _, _, _ in blocks:
            if session not in sessions:
                sessions.append(session)
        for n, session in enumerate(sessions):
            database = "fraiseql_doctest_{}".format(n)
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS " + database],
                           check=True, capture_output=True)
            subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "CREATE DATABASE " + database],
                           check=True, capture_output=True)
            try:
                for name, line, sql, expected in blocks:
                    if name != session:
                        continue
                    where = "{}:{} ({})".format(path, line, session)
                    result = psql(database, sql)
                    got = [l for l in result.stdout.split("\n") if l.strip()]
                    if result.returncode != 0:
                        failed += 1
                        print("not ok - {}: psql failed: {}".format(where, result.stderr.strip()[:500]))
                    elif got != expected:
                        failed += 1
                        print("not ok - {}: output differs\n  expected: {}\n  got:      {}".format(
                            where, expected, got))
                    else:
                        passed += 1
                        print("ok - {}: {} output lines as documented".format(where, len(got)))
            finally:
                subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", "DROP DATABASE IF EXISTS " + database],
                               capture_output=True)
    print("doc: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
