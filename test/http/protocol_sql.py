#!/usr/bin/python3
"""protocol_sql.py: test/http/protocol_cases.json against fraiseql.serve, in SQL.

Runs in the database of the HTTP suite (the demo schema loaded; PG* variables),
in one session throughout, so a case that broke the session would fail every
case after it. Also: 10 MB and 10,000-deep bodies, and a plain request at the
end. Prints "protocol-sql: N passed, M failed".
"""

import json
import os
import sys

import psycopg

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = json.load(open(os.path.join(HERE, "protocol_cases.json"), encoding="utf-8"))
SERVE = "SELECT status, content_type, body, allow FROM fraiseql.serve(%s, %s, %s, %s, %s)"
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("not ok - {}{}".format(what, ": " + detail if detail else ""))


def serve(connection, method, query_string, content_type, accept, body):
    row = connection.execute(SERVE, (method, query_string, content_type, accept, body), binary=True).fetchone()
    return row[0], row[1], bytes(row[2]), row[3]


def get(connection, document, operation_name=None):
    from urllib.parse import urlencode
    params = {"query": document}
    if operation_name is not None:
        params["operationName"] = operation_name
    return serve(connection, "GET", urlencode(params), None, None, b"")


def main():
    with psycopg.connect(autocommit=True) as connection:
        for document, operations in CASES["operations"]:
            mutation = any(kind == "mutation" for kind, _ in operations)
            status, _, body, allow = get(connection, document)
            check((status == 405) == mutation and (allow == "POST") == mutation,
                  "GET {!r}: 405 exactly when it holds a mutation".format(document), "{} {}".format(status, body))
        for document, name, refused in CASES["mutation_selected"]:
            status, _, body, _ = get(connection, document, name)
            check((status == 405) == refused, "GET {!r} operationName {!r}".format(document, name),
                  "{} {}".format(status, body))
        query = json.dumps({"query": "{ users { firstName } }"}).encode()
        for accept, media in CASES["negotiate"]:
            status, content_type, body, _ = serve(connection, "POST", "", "application/json", accept, query)
            if media is None:
                check(status == 406 and b"Not acceptable" in body, "Accept {!r}: 406".format(accept), str(status))
            else:
                check(status == 200 and content_type == media + "; charset=utf-8" and body.startswith(b'{"data"'),
                      "Accept {!r}: {}".format(accept, media), "{} {}".format(status, content_type))
        for case in CASES["hostile"]:
            body = bytes.fromhex(case["body_hex"]) if "body_hex" in case else case["body"].encode()
            status, content_type, response, _ = serve(connection, case["method"], case["query_string"],
                                                      case["content_type"], case["accept"], body)
            try:
                error = json.loads(response)["errors"][0]["message"]
            except (ValueError, KeyError, IndexError):
                error = None
            check(status == case["status"] and error is not None and case["message"] in error
                  and content_type.startswith("application/"),
                  case["what"], "{} {} {}".format(status, content_type, response[:300]))

        big = json.dumps({"query": "{ users { id } }" + " " * (10 * 1024 * 1024)}).encode()
        status, _, response, _ = serve(connection, "POST", "", "application/json",
                                       "application/graphql-response+json", big)
        check(status == 400 and b"QUERY_TOO_COMPLEX" in response, "a 10 MB document: a request error, 400",
              "{} {}".format(status, response[:200]))
        deep = b'{"query": "{ users { id } }", "variables": {"a": ' + b"[" * 10000 + b"]" * 10000 + b"}}"
        status, _, response, _ = serve(connection, "POST", "", "application/json", None, deep)
        check(status == 400 and b"nested too deeply" in response, "10,000-deep JSON: 400",
              "{} {}".format(status, response[:200]))
        status, _, response, _ = serve(connection, "POST", "", "application/json", None, query)
        check(status == 200 and response.startswith(b'{"data":{"users":[{"firstName":"Ada"}'),
              "the session goes on: a plain request after all of them", response[:200].decode(errors="replace"))
        # The same bytes as execute, for the same request.
        executed = bytes(connection.execute("SELECT fraiseql.execute('{ users { firstName } }')").fetchone()[0])
        check(response == executed, "serve's body is execute's bytes")
    print("protocol-sql: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
