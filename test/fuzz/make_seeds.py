#!/usr/bin/python3
"""make_seeds.py: writes the seed corpora of the fuzz targets beyond the parser.

Usage: make_seeds.py CONFORMANCE_DIR CORPUS_DIR

  sdl/       every schema of schemas.json, the SDL cases of validation.json and
             execution-shapes.json, and FraiseQL-mode schemas written here;
  coerce/    variables JSON alone (run against coerce_fuzz's fixed operation),
             and "document NUL variables" pairs;
  response/  programs for response_fuzz's value generator (see its header),
             and a few raw jsonb datums;
  http/      request bodies and URL queries for http_fuzz (a shape byte, then
             the bytes): the hostile cases of test/http/protocol_cases.json
             and well-formed requests.

Deterministic: the same data gives the same files; stale files are removed.
"""
import json
import os
import re
import struct
import sys

FRAISEQL_SDL = [
    '''scalar Opaque
enum Role { ADMIN MEMBER }
input UserFilter { name: String! role: Role = MEMBER minAge: Int }
input Where { id: UUID AND: [Where!] }
input Pick @oneOf { id: ID email: String }
type Item @view(name: "app.v_item") { id: ID! }
type Query { items: [Item!]! }
''',
    '''type Sample @view(name: "app.v_sample") { label: String }
type Query {
  byInt(i: Int!): Sample
  byFloat(f: Float!): Sample
  byString(s: String!): Sample
  byUuid(u: UUID!): Sample
  byDate(d: Date!): Sample
  byDateTime(ts: DateTime!): Sample
  byTime(t: Time!): Sample
  byBigInt(big: BigInt!): Sample
  byDecimal(dec: Decimal!): Sample
  byJson(j: JSON!): Sample
}
''',
    '''"""People."""
type User @view(name: "public.v_user") {
  id: UUID!
  email: String!
  firstName: String
  posts: [Post!]!
  company: Company
  nick: String @field(key: "nickname")
  tags: [String!]
  meta: JSON
  born: Date
  seen: DateTime
}
type Post @view(name: "public.v_post", dataColumn: "doc", idColumn: "pk") {
  id: UUID!
  title: String @deprecated(reason: "use name")
  score: Float
  votes: BigInt
  price: Decimal
}
type Company { name: String! size: Int }
type Query {
  users: [User!]!
  user(id: UUID!): User
  posts: [Post!]! @view(name: "public.v_post_published")
}
''',
    '''interface Node { id: ID! }
type A implements Node @view(name: "s.a") { id: ID! a: Int }
type B implements Node @view(name: "s.b") { id: ID! b: [Int] }
union AB = A | B
enum Kind { ONE TWO }
input NewA { a: Int! kind: Kind = ONE extra: [NewA!] }
type Query { as: [A!]! node(id: ID!): A }
type Mutation { createA(input: NewA!): A @function(name: "s.fn_create_a", context: ["tenant_id"]) }
''',
    '''schema { query: Root }
type T @view(name: "x.t") { id: ID! n: Int }
type Root { ts: [T!]! t(id: ID!, n: Int): T }
extend type T { m: String }
directive @mine(a: Int = 1) repeatable on FIELD_DEFINITION | OBJECT
''',
]

# (document, variables) for coerce_fuzz; an empty document means the target's
# fixed operation.
COERCE_CASES = [
    ('', '{}'),
    ('', 'null'),
    ('', '{"i": 1, "f": 2.5, "s": "x", "b": true, "id": 7, "u": "a0000000-0000-0000-0000-000000000007"}'),
    ('', '{"d": "2024-02-29", "dt": "2024-02-29T10:00:00Z", "t": "10:00:00", "big": "9007199254740993",'
         ' "dec": "1.50", "j": {"a": [1, null, "x"]}, "o": [1, {"k": 2}]}'),
    ('', '{"filter": {"name": "Ann", "role": "ADMIN", "minAge": 3}, "pick": {"id": "1"}}'),
    ('', '{"pick": {"id": "1", "email": "e"}, "where": {"id": "a0000000-0000-0000-0000-000000000007",'
         ' "AND": [{"AND": [{"id": null}]}]}}'),
    ('', '{"roles": ["ADMIN", "MEMBER"], "matrix": [[1, 2], [3]], "ints": 5, "filters": [{"name": "a"}]}'),
    ('', '{"i": 2147483648, "f": 1e400, "s": 5, "b": "true", "role": "admin", "d": "2023-02-29"}'),
    ('', '{"i": -0.0, "f": -1.5e-300, "big": 12345678901234567890, "dec": 1e-20, "t": "25:00:00"}'),
    ('', '{"filter": {"name": null}, "pick": {}, "where": [], "matrix": [[null]], "u": "not-a-uuid"}'),
    ('query ($a: [[Int!]]! = [[1]], $b: UserFilter = {name: "z"}) { items { id } }', '{"a": 1}'),
    ('query ($p: Pick!) { items { id } }', '{"p": {"email": null}}'),
    ('query ($x: Opaque, $y: JSON) { items { id } }', '{"x": {"deep": [[[{}]]]}, "y": "\\u00e9\\ud83d\\ude00"}'),
    ('query ($r: Role = ADMIN, $w: Where) { items { id } }', '{"w": {"AND": [{"AND": [{"AND": []}]}]}}'),
]


def response_programs():
    """Programs for response_fuzz (ops in its header): opcode bytes."""
    p = []
    # An object with every field the fixed selection reads.
    p.append(b'{' + b'k\x02id' + b's\x011' + b'k\x04name' + b's\x03Ann' + b'k\x03age' + b'n\x0242' +
             b'k\x05score' + b'n\x049.50' + b'k\x06active' + b't' + b'k\x04tags' + b'[' + b's\x01a' +
             b's\x01b' + b']' + b'k\x04meta' + b'{' + b'k\x01x' + b'[' + b'z' + b'f' + b'n\x01' + b'1' + b']' +
             b'}' + b'}')
    p.append(b'{' + b'k\x04name' + b's\x02\xff\xfe' + b'k\x03age' + b'n\x0b99999999999' + b'}')
    p.append(b'{' + b'k\x07friends' + b'[' + b'{' + b'k\x02id' + b's\x012' + b'}' + b'z' + b']' + b'}')
    p.append(b'{' + b'k\x04role' + b's\x05ADMIN' + b'k\x04born' + b's\x0a2024-02-29' + b'}')
    p.append(b'[' * 40 + b']' * 40)
    p.append(b'{' + b'k\x02id' + b'z' + b'}')
    p.append(b's\x05\x00\x01"\\\n')
    p.append(b'n\x06-1e-30')
    # Rows for each root: a complete `maybe` row, a failing statement, two `user` rows.
    p.append(b'{k\x02idz}|{k\x04must{k\x0cstrict_names[s\x01a]k\x04must{k\x04names\x01b}}}E|{};{}')
    p.append(b'|N|{k\x08nicknames\x03\xed\xa0\x80}')
    return p


def raw_datums():
    """Raw jsonb payloads, some valid, some damaged."""
    out = []
    # {} and [] and the scalar true.
    out.append(struct.pack('<I', 0x20000000))
    out.append(struct.pack('<I', 0x40000000))
    out.append(struct.pack('<II', 0x50000001, 0x30000000))
    # {"a": "b"} then the same with a length past the end.
    out.append(struct.pack('<III', 0x20000001, 1, 1) + b'ab')
    out.append(struct.pack('<III', 0x20000001, 1, 0x0FFFFFFF) + b'ab')
    # A container entry pointing at a header that claims many children.
    out.append(struct.pack('<II', 0x40000001, 0x50000004) + struct.pack('<I', 0x40FFFFFF))
    return out


# http_fuzz inputs: the shape byte (bit 0: GET; bits 1-3: Content-Type; bits
# 4-6: Accept) and the body or URL query.
HTTP_REQUESTS = [
    b'\x00{"query": "{ users { id } }", "variables": {"a": [1, 2.5e3, "\\u00e9", null, true]}, "operationName": null}',
    b'\x00{"query": "query Q($id: ID!) { user(id: $id) { email } }", "variables": {"id": "\\ud83d\\ude00"}}',
    b'\x00{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "' + b'ab' * 32 + b'"}}}',
    b'\x02{"query": "{ a }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "' + b'AB' * 32 + b'"}}}',
    b'\x01query=%7B+users+%7B+id+%7D+%7D&variables=%7B%22a%22%3A1%7D&operationName=Q',
    b'\x11query=mutation%20M%20%7B%20x%20%7D&extensions=%7B%7D',
    b'\x00' + b'[' * 520 + b']' * 520,
    b'\x00{"query": "' + b'x' * 600 + b'", "variables": {"n": ' + b'9' * 1001 + b'}}',
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    conformance, corpus = sys.argv[1], sys.argv[2]
    wanted = {}

    def add(target, name, data):
        if isinstance(data, str):
            data = data.encode('utf-8', 'surrogatepass')
        files = wanted.setdefault(target, {})
        if data in files.values():
            return
        files[re.sub(r'[^A-Za-z0-9_.-]', '_', name)] = data

    with open(os.path.join(conformance, 'schemas.json'), encoding='utf-8') as f:
        for key, sdl in sorted(json.load(f).items()):
            add('sdl', key + '.graphql', sdl)
    with open(os.path.join(conformance, 'validation.json'), encoding='utf-8') as f:
        for case in json.load(f):
            if case['kind'] == 'sdl':
                add('sdl', case['id'] + '.graphql', case['query'])
    with open(os.path.join(conformance, 'execution-shapes.json'), encoding='utf-8') as f:
        shapes = json.load(f)
    for i, case in enumerate(shapes):
        add('sdl', 'execution-shapes_%03d.graphql' % i, case['schema_sdl'])
    for i, sdl in enumerate(FRAISEQL_SDL):
        add('sdl', 'fraiseql_%03d.graphql' % i, sdl)

    for i, (doc, variables) in enumerate(COERCE_CASES):
        add('coerce', 'case_%03d' % i, (doc + '\0' if doc else '') + variables)
    for i, case in enumerate(shapes):
        if case.get('variables') is not None:
            add('coerce', 'execution-shapes_%03d' % i,
                case['query'] + '\0' + json.dumps(case['variables']))

    for i, prog in enumerate(response_programs()):
        add('response', 'program_%03d' % i, b'P' + prog)
    for i, datum in enumerate(raw_datums()):
        add('response', 'datum_%03d' % i, b'R' + datum)

    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
    with open(os.path.join(root, 'test', 'http', 'protocol_cases.json'), encoding='utf-8') as f:
        protocol = json.load(f)
    for i, case in enumerate(protocol['hostile']):
        body = bytes.fromhex(case['body_hex']) if 'body_hex' in case else case['body'].encode()
        if case['method'] == 'GET':
            add('http', 'hostile_%03d' % i, b'\x01' + case['query_string'].encode())
        else:
            add('http', 'hostile_%03d' % i, b'\x00' + body)
    for i, request in enumerate(HTTP_REQUESTS):
        add('http', 'request_%03d' % i, request)

    for target, files in wanted.items():
        out = os.path.join(corpus, target)
        os.makedirs(out, exist_ok=True)
        for name in os.listdir(out):
            if name not in files:
                os.remove(os.path.join(out, name))
        for name, data in files.items():
            with open(os.path.join(out, name), 'wb') as f:
                f.write(data)
        print('%s: %d seeds' % (target, len(files)))


if __name__ == '__main__':
    main()
