#!/usr/bin/env python3
"""check_self_contained.py: fails when a tracked file refers to a path outside
the repository, so a plain clone can build, test and read its own docs.

Each tracked text file is one case. It fails on:
  - a sibling checkout's folder (dot-dot-slash "shared"), anywhere;
  - an absolute path into a developer's folders (a user's home on Linux or
    macOS, root's home, /mnt, the team machine's work folder), anywhere;
  - an upper-case Markdown document's name (as in "see the design doc's
    section 3", spelled with its file name) that no tracked file has, anywhere;
  - in Makefiles, scripts, sources and docs, a path token that starts with
    "../" and, resolved against the file's own folder, leaves the repository;
  - in Markdown, a relative link that leaves the repository, names a file
    that is not tracked, or an #anchor that is not a heading of its target.
Fixed probe lines (PROBES) are checked first and count as cases, so a pattern
that stops matching fails too. Prints each finding as FILE:LINE: reason, then
"self-contained: N passed, M failed".
"""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Built by pieces so this file does not match its own patterns.
DOTDOT = r"\.\./"
# Also the sibling named as separate path pieces (dot-dot, then shared), as a
# script's join() spells it.
SIBLING = re.compile(DOTDOT + r"shared\b|['\"]\.\.['\"]\s*,\s*['\"]shared['\"]")
# An absolute path starts at a line start, a space, a quote, a bracket, = or :
# (not inside a URL such as https://host/home/x, where '/' precedes it).
ABS_START = r"(?:^|(?<=[\s\"'`(\[=:,]))"
DEV_FOLDER = re.compile(ABS_START + r"(/home/[A-Za-z_][\w.-]*|/Users/[A-Za-z_][\w.-]*|/root/|/mnt/|/wor" + "k/)")
# A path token that starts with one or more ../ (not x/../y, whose base is
# some other folder the tool resolves).
CLIMB = re.compile(r"(?:^|(?<=[\s\"'`(\[=:,<]))((?:" + DOTDOT + r")+[\w.$/{}-]*)")
DOC_NAME = re.compile(r"\b([A-Z][A-Z0-9_-]*\.md)\b")
MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
MD_REF = re.compile(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")

# Where a ../ token is a path on disk (C++ includes, JS imports, shell, make, docs).
PATH_SUFFIXES = (".sh", ".py", ".mjs", ".js", ".cc", ".h", ".md", ".mk", ".sql", ".txt", ".control")
# Inputs recorded from other projects' tests: strings in them are not our paths.
DATA_DIRS = ("test/conformance/data/",)


def tracked_files():
    try:
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        return [p for p in out.decode().split("\0") if p]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for d, dirs, files in os.walk(ROOT):
            dirs[:] = [x for x in dirs if x not in (".git", "build", "node_modules")]
            found += [os.path.relpath(os.path.join(d, f), ROOT) for f in files]
        return found


def read_text(rel):
    try:
        with open(os.path.join(ROOT, rel), "rb") as f:
            data = f.read()
    except OSError:
        return None  # a tracked file removed in the work tree
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def inside(path):
    return path == ROOT or path.startswith(ROOT + os.sep)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"`|\*\*|__", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


_basenames = {}


def basenames(tracked):
    key = id(tracked)
    if key not in _basenames:
        _basenames[key] = {os.path.basename(t) for t in tracked}
    return _basenames[key]


_anchors = {}


def anchors(rel):
    if rel not in _anchors:
        names, seen, fenced = set(), {}, False
        for line in (read_text(rel) or "").splitlines():
            if FENCE.match(line):
                fenced = not fenced
            m = None if fenced else re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if m:
                base = slug(m.group(1))
                n = seen.get(base, 0)
                seen[base] = n + 1
                names.add(base if n == 0 else "%s-%d" % (base, n))
        for m in re.finditer(r"<a\s+(?:name|id)=\"([^\"]+)\"", read_text(rel) or ""):
            names.add(m.group(1))
        _anchors[rel] = names
    return _anchors[rel]


def check_link(rel, target, tracked):
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return None  # https:, mailto: and the like
    path, _, anchor = target.partition("#")
    if path.startswith("/"):
        return "absolute link %s" % target
    dest_rel = rel
    if path:
        dest = os.path.normpath(os.path.join(ROOT, os.path.dirname(rel), path))
        if not inside(dest):
            return "link leaves the repository: %s" % target
        dest_rel = os.path.relpath(dest, ROOT)
        is_dir = any(t.startswith(dest_rel + "/") for t in tracked) or dest_rel == "."
        if dest_rel not in tracked and not is_dir:
            return "link to a missing file: %s" % target
    if anchor and dest_rel.endswith(".md") and anchor not in anchors(dest_rel):
        return "link to a missing heading: %s" % target
    return None


def check_file(rel, text, tracked):
    problems = []
    base = os.path.join(ROOT, os.path.dirname(rel))
    name = os.path.basename(rel)
    is_md = rel.endswith(".md")
    paths = name in ("Makefile", "GNUmakefile") or rel.endswith(PATH_SUFFIXES)
    fenced = False
    for no, line in enumerate(text.splitlines(), 1):
        if SIBLING.search(line):
            problems.append((no, "sibling folder outside the repository"))
        m = DEV_FOLDER.search(line)
        if m:
            problems.append((no, "absolute path into a developer's folder: %s" % m.group(1)))
        for doc in DOC_NAME.findall(line):
            if doc not in basenames(tracked):
                problems.append((no, "names a document the repository lacks: %s" % doc))
        if paths:
            for tok in CLIMB.findall(line):
                if "$" in tok or "{" in tok:
                    continue  # built at run time; its base is not this file's folder
                if not inside(os.path.normpath(os.path.join(base, tok))):
                    problems.append((no, "path climbs out of the repository: %s" % tok))
        if is_md:
            if FENCE.match(line):
                fenced = not fenced
                continue
            if fenced:
                continue
            prose = INLINE_CODE.sub("", line)
            targets = MD_LINK.findall(prose)
            ref = MD_REF.match(prose)
            if ref:
                targets.append(ref.group(1))
            for target in targets:
                why = check_link(rel, target, tracked)
                if why:
                    problems.append((no, why))
    return problems


# Lines the patterns must flag (True) or leave alone (False), checked on every
# run so that a pattern edited into uselessness shows as a failure.
PROBES = [
    ("Makefile", "\t$(BUILD)/conformance .." + "/shared/conformance", True),
    ("README.md", "See `.." + "/shared/docs/a.md`.", True),
    ("test/a.mjs", "const D = join(ROOT, '.." + "', 'shared', 'conformance');", True),
    ("test/a.py", 'os.path.join(ROOT, "..' + '", "shared")', True),
    ("test/a.mjs", "join(ROOT, 'test', 'conformance', 'data')", False),
    ("bench/x.sh", "RUN=x /wor" + "k/briefs/regress.sh perf", True),
    ("bench/x.sh", "cp out /home/" + "alice/results", True),
    ("bench/x.sh", "cd .." + "/.." + "/.." + "/elsewhere", True),
    ("docs/a.md", "[up](.." + "/.." + "/outside.md)", True),
    ("docs/a.md", "[gone](no-such-file.md)", True),
    ("README.md", "[bad anchor](README.md#no-such-heading)", True),
    ("src/core/a.h", "// the contract (" + "INTERFACE" + ".md section 3)", True),
    ("src/core/a.h", "// see README.md and BENCHMARKS.md", False),
    ("src/core/a.cc", '#include "../core/a.h"', False),
    ("test/scripts/x.sh", 'cd "$(dirname "$0")/../.."', False),
    ("README.md", "https://example.org/home/alice and /usr/lib/postgresql/15", False),
    ("README.md", "[tests](test/scripts/run_tests.sh) and [top](#fraiseql)", False),
    ("docs/a.md", "```\n[not a link](missing.md)\n```", False),
]


def self_test(tracked):
    passed = failed = 0
    for rel, line, flagged in PROBES:
        if bool(check_file(rel, line, tracked)) == flagged:
            passed += 1
        else:
            failed += 1
            print("probe %s %r: expected %s" % (rel, line, "a finding" if flagged else "none"))
    return passed, failed


def main():
    tracked = set(tracked_files())
    passed, failed = self_test(tracked)
    for rel in sorted(tracked):
        if rel.startswith(DATA_DIRS) and not rel.endswith(".md"):
            continue
        text = read_text(rel)
        if text is None:
            continue
        problems = check_file(rel, text, tracked)
        if problems:
            failed += 1
            for no, why in problems:
                print("%s:%d: %s" % (rel, no, why))
        else:
            passed += 1
    print("self-contained: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
