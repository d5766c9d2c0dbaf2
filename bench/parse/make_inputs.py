#!/usr/bin/python3
"""make_inputs.py: writes the parse benchmark's three inputs, deterministically.

Usage: make_inputs.py CONFORMANCE_DIR OUT_DIR

  kitchen_sink_1mb.graphql  the query kitchen sink (parser.json kitchenSinkQuery#001)
                            repeated until it reaches 1 MiB; every copy's operations and
                            fragment get a numbered name, so the result is one valid
                            document (unique operation and fragment names)
  introspection.graphql     introspection/full.graphql, unchanged
  github_sdl.graphql        a ~300 KB schema shaped like GitHub's public one: described
                            object types with connection fields and arguments, interfaces,
                            unions, enums, input objects, directives (a fixed-seed generator)
"""
import json
import os
import re
import sys

MIB = 1 << 20
SDL_TARGET = 300 * 1000


def kitchen_sink(conformance):
    with open(os.path.join(conformance, "parser.json"), encoding="utf-8") as f:
        case = next(c for c in json.load(f) if c["id"] == "kitchenSinkQuery#001")
    src = case["source"]
    renames = [
        (r"\bqueryName\b", "queryName{i}"),
        (r"\blikeStory\b", "likeStory{i}"),
        (r"\bStoryLikeSubscription\b", "StoryLikeSubscription{i}"),
        (r"\bfragment frag on\b", "fragment frag{i} on"),
        (r"\.\.\.frag\b", "...frag{i}"),
        (r"\n\{\n  unnamed", "\nquery Unnamed{i} {\n  unnamed"),
        (r"\nquery \{\n  __typename", "\nquery Typename{i} {\n  __typename"),
    ]
    for pattern, _ in renames:  # the source must still look as expected
        if not re.search(pattern, src):
            sys.exit(f"make_inputs: kitchen sink no longer matches {pattern!r}")
    parts, size, i = [], 0, 0
    while size < MIB:
        copy = src
        for pattern, repl in renames:
            copy = re.sub(pattern, repl.replace("{i}", str(i)), copy)
        parts.append(copy)
        size += len(copy.encode("utf-8"))
        i += 1
    return "".join(parts)


class Rng:
    """A 64-bit LCG: the same numbers on every Python version."""

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n

    def pick(self, items):
        return items[self.below(len(items))]


WORDS = ("repository issue pull request commit branch tag release milestone label project "
         "column card team organization user enterprise gist comment review thread reaction "
         "check suite run workflow deployment environment status package version sponsor "
         "discussion category answer topic license language star fork watcher invitation "
         "membership permission secret alert advisory vulnerability ref blob tree actor").split()
SCALARS = ["String", "Int", "Boolean", "ID", "DateTime", "URI", "HTML", "GitObjectID", "Float"]


def camel(words):
    return words[0] + "".join(w.capitalize() for w in words[1:])


def pascal(words):
    return "".join(w.capitalize() for w in words)


def sentence(rng, n):
    words = [rng.pick(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def github_sdl():
    """The smallest schema of this shape over SDL_TARGET bytes."""
    objects = 100
    while True:
        sdl = github_sdl_with(objects)
        if len(sdl) >= SDL_TARGET:
            return sdl
        objects += 5


def github_sdl_with(object_count):
    rng = Rng(20250904)
    out = []
    names, seen = [], set()
    while len(names) < 900:
        name = pascal([rng.pick(WORDS) for _ in range(1 + rng.below(3))])
        if name not in seen:
            seen.add(name)
            names.append(name)
    interfaces = names[:25]
    enums = names[25:85]
    inputs = names[85:160]
    unions = names[160:185]
    objects = names[185:185 + object_count]
    for s in SCALARS[4:]:
        out.append(f'"""\n{sentence(rng, 8)}\n"""\nscalar {s}\n')
    out.append('directive @preview(toggledBy: String!) on SCALAR | OBJECT | FIELD_DEFINITION | '
               'ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION\n')
    out.append('directive @possibleTypes(concreteTypes: [String!]!, abstractType: String) '
               'on INPUT_FIELD_DEFINITION\n')

    def field_type(pool):
        t = rng.pick(pool) if rng.below(3) else rng.pick(SCALARS)
        if rng.below(4) == 0:
            t = f"[{t}!]"
        return t + ("!" if rng.below(2) else "")

    def arguments():
        if rng.below(3):
            return ""
        args = ['after: String', 'before: String', 'first: Int', 'last: Int']
        if rng.below(2):
            args.append(f'orderBy: {rng.pick(inputs)} = {{field: {rng.pick(WORDS).upper()}, direction: ASC}}')
        if rng.below(3) == 0:
            args.append(f'"""\n{sentence(rng, 6)}\n"""\n{camel([rng.pick(WORDS), "filter"])}: [{rng.pick(enums)}!]')
        return "(\n" + "\n".join("    " + a.replace("\n", "\n    ") for a in args) + "\n  )"

    def fields(count, pool):
        lines, used = [], set()
        for _ in range(count):
            name = camel([rng.pick(WORDS) for _ in range(1 + rng.below(2))])
            if name in used:
                continue
            used.add(name)
            desc = f'  """\n  {sentence(rng, 4 + rng.below(10))}\n  """\n' if rng.below(4) else f'  "{sentence(rng, 5)}"\n'
            dep = f' @deprecated(reason: "{sentence(rng, 6)}")' if rng.below(15) == 0 else ""
            lines.append(f"{desc}  {name}{arguments()}: {field_type(pool)}{dep}")
        return "{\n" + "\n\n".join(lines) + "\n}"

    for name in interfaces:
        out.append(f'"""\n{sentence(rng, 10)}\n"""\ninterface {name} {fields(4 + rng.below(5), objects)}\n')
    for name in enums:
        values = sorted({"_".join(rng.pick(WORDS).upper() for _ in range(1 + rng.below(2))) for _ in range(3 + rng.below(8))})
        body = "\n".join(f'  """\n  {sentence(rng, 6)}\n  """\n  {v}' for v in values)
        out.append(f'"""\n{sentence(rng, 8)}\n"""\nenum {name} {{\n{body}\n}}\n')
    for name in inputs:
        body = "\n".join(f'  "{sentence(rng, 5)}"\n  {camel([rng.pick(WORDS), "id"])}{i}: {field_type(enums)}'
                         for i in range(2 + rng.below(6)))
        out.append(f'"""\n{sentence(rng, 8)}\n"""\ninput {name} {{\n{body}\n}}\n')
    for name in unions:
        members = " | ".join(sorted({rng.pick(objects) for _ in range(2 + rng.below(5))}))
        out.append(f'"""\n{sentence(rng, 8)}\n"""\nunion {name} = {members}\n')
    for name in objects:
        impl = sorted({rng.pick(interfaces) for _ in range(rng.below(4))})
        implements = f" implements {' & '.join(impl)}" if impl else ""
        part = f'"""\n{sentence(rng, 12)}\n"""\ntype {name}{implements} {fields(3 + rng.below(12), objects)}\n'
        out.append(part)
    out.append('type Query {\n  "Lookup a node by ID."\n  node(id: ID!): ' + interfaces[0] + "\n  viewer: " +
               objects[0] + "!\n}\n")
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    conformance, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(conformance, "introspection", "full.graphql"), encoding="utf-8") as f:
        introspection = f.read()
    inputs = {
        "kitchen_sink_1mb.graphql": kitchen_sink(conformance),
        "introspection.graphql": introspection,
        "github_sdl.graphql": github_sdl(),
    }
    for name, text in inputs.items():
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
