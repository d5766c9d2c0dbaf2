#!/usr/bin/python3
"""make_corpus.py: writes the parse fuzzer's seed corpus from the conformance data.

Usage: make_corpus.py CONFORMANCE_DIR OUT_DIR

One file per distinct source of lexer.json and parser.json, plus the
introspection queries, named after the case id. Sources that hold a lone
UTF-16 surrogate (not_utf8) are kept as the bytes Python's surrogatepass
gives: invalid UTF-8 is interesting input too. Deterministic: the same data
gives the same files, and stale files are removed.
"""
import json
import os
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    conformance, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    wanted = {}
    seen = set()

    def add(name, text):
        data = text.encode("utf-8", "surrogatepass")
        if data in seen:
            return
        seen.add(data)
        wanted[re.sub(r"[^A-Za-z0-9_.-]", "_", name) + ".graphql"] = data

    for file in ("lexer.json", "parser.json"):
        with open(os.path.join(conformance, file), encoding="utf-8") as f:
            for case in json.load(f):
                add(case["id"], case["source"])
    intro = os.path.join(conformance, "introspection")
    for name in sorted(os.listdir(intro)):
        if name.endswith(".graphql"):
            with open(os.path.join(intro, name), encoding="utf-8") as f:
                add("introspection-" + name[: -len(".graphql")], f.read())

    for name in os.listdir(out):
        if name not in wanted:
            os.remove(os.path.join(out, name))
    for name, data in sorted(wanted.items()):
        path = os.path.join(out, name)
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    continue
        except FileNotFoundError:
            pass
        with open(path, "wb") as f:
            f.write(data)
    print(f"make_corpus: {len(wanted)} files in {out}")


if __name__ == "__main__":
    main()
