"""protocol_unit.py: protocol_cases.json against examples/python/graphql_http.py.
Prints "protocol-python: N passed, M failed"."""

import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "examples", "python"))
import graphql_http  # noqa: E402

cases = json.load(open(os.path.join(here, "protocol_cases.json"), encoding="utf-8"))
passed = failed = 0


def check(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: got {got!r}, want {want!r}")


for document, want in cases["operations"]:
    check(f"operations {document!r}", [list(op) for op in graphql_http.operation_kinds(document)], want)
for document, name, want in cases["mutation_selected"]:
    check(f"mutation_selected {document!r} {name!r}", graphql_http.mutation_selected(document, name), want)
for accept, want in cases["negotiate"]:
    check(f"negotiate {accept!r}", graphql_http.negotiate(accept), want)
print(f"protocol-python: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
