#!/usr/bin/python3
"""make_inputs.py: the validation benchmark's documents, written to OUT_DIR.

schema.graphql  the conformance execution-shapes schema (introspection/example-schema.graphql)
introspection.graphql  the standard introspection query (full options)
wide_repeated.graphql  one selection of 10,000 fields: 100 distinct names, each repeated 100 times
wide_distinct.graphql  10,000 distinct aliases of one field
"""
import os
import shutil
import sys

conformance, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
shutil.copy(os.path.join(conformance, "introspection", "example-schema.graphql"), os.path.join(out, "schema.graphql"))
shutil.copy(os.path.join(conformance, "introspection", "full.graphql"), os.path.join(out, "introspection.graphql"))
fields = ["id", "name", "email", "age", "score", "active", "role", "tags"]
with open(os.path.join(out, "wide_repeated.graphql"), "w") as f:
    f.write("{ user { " + " ".join(fields[i % len(fields)] for i in range(10000)) + " } }\n")
with open(os.path.join(out, "wide_distinct.graphql"), "w") as f:
    f.write("{ user { " + " ".join("a%d: name" % i for i in range(10000)) + " } }\n")
