"""http_test.py URL LABEL: Automatic Persisted Queries and the checks the
graphql-http audit leaves out, against one running example server (demo schema).
Prints one line per check and "http-<label>: N passed, M failed"."""

import hashlib
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid

import psycopg  # the database's own answers, to compare with

URL, LABEL = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def request(method="POST", payload=None, query=None, headers=None, body=None):
    """(status, headers, raw body bytes) of one request."""
    url = URL + ("?" + urllib.parse.urlencode(query) if query else "")
    all_headers = {"Accept": "application/graphql-response+json"}
    if payload is not None:
        body = json.dumps(payload).encode()
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    req = urllib.request.Request(url, data=body, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except (urllib.error.URLError, ConnectionError) as error:  # the check that sent it fails
        return None, {}, str(error).encode()


def apq(digest, query=None):
    payload = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    if query is not None:
        payload["query"] = query
    return payload


def errors_code(body):
    try:
        return json.loads(body)["errors"][0]["extensions"]["code"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None


EXPECTED_USERS = {"data": {"users": [{"firstName": "Ada"}, {"firstName": "Alan"}, {"firstName": "Grace"},
                                     {"firstName": "Edsger"}]}}

# --- APQ round trip: a document no run has persisted before (a fresh comment)
document = f"# apq {LABEL} {uuid.uuid4()}\n{{ users {{ firstName }} }}"
digest = hashlib.sha256(document.encode()).hexdigest()

status, _, body = request(payload=apq(digest))
check("apq: an unknown hash alone is PersistedQueryNotFound",
      errors_code(body) == "PERSISTED_QUERY_NOT_FOUND" and json.loads(body)["errors"][0]["message"] == "PersistedQueryNotFound",
      body)
check("apq: ... a request error, 400 under graphql-response+json", status == 400, status)
status, _, body = request(payload=apq(digest), headers={"Accept": "application/json"})
check("apq: ... and 200 under application/json", status == 200 and errors_code(body) == "PERSISTED_QUERY_NOT_FOUND",
      (status, body))

status, _, body = request(payload=apq(digest, document))
check("apq: hash with its query runs it (and stores it)", status == 200 and json.loads(body) == EXPECTED_USERS,
      (status, body))
registered_body = body

status, _, body = request(payload=apq(digest))
check("apq: the hash alone now runs the stored document", status == 200 and json.loads(body) == EXPECTED_USERS,
      (status, body))
_, _, plain = request(payload={"query": document})
check("apq: the bytes are the ones a plain request gets", body == plain == registered_body, (body, plain))

status, _, body = request("GET", query={"extensions": json.dumps(apq(digest)["extensions"])})
check("apq: a GET with the hash alone runs it too", status == 200 and json.loads(body) == EXPECTED_USERS,
      (status, body))

status, _, body = request(payload=apq(digest.upper()))
check("apq: an upper-case hash is the same hash", status == 200 and json.loads(body) == EXPECTED_USERS,
      (status, body))

invalid = f"# {uuid.uuid4()}\n{{ users {{ nope }} }}"
invalid_digest = hashlib.sha256(invalid.encode()).hexdigest()
status, _, body = request(payload=apq(invalid_digest, invalid))
check("apq: a hash with a document that does not validate gets its errors", status == 400 and
      errors_code(body) == "GRAPHQL_VALIDATION_FAILED", (status, body))
status, _, body = request(payload=apq(invalid_digest))
check("apq: ... and that document was not stored", errors_code(body) == "PERSISTED_QUERY_NOT_FOUND", (status, body))

status, _, body = request(payload=apq(digest, document + " "))
check("apq: a hash that is not the query's is refused with 400", status == 400, (status, body))

status, _, body = request(payload={"query": "{ __typename }",
                                   "extensions": {"persistedQuery": {"version": 2, "sha256Hash": digest}}})
check("apq: an unknown APQ version is refused with 400", status == 400, (status, body))

status, _, body = request(payload={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}})
check("apq: a malformed hash is refused with 400", status == 400, (status, body))

# A persisted mutation must not run over GET even when only its hash is sent.
# (The demo has no Mutation type, so APQ would not store one: persist it directly.)
mutation = f"# {uuid.uuid4()}\nmutation M {{ __typename }}"
with psycopg.connect("", autocommit=True) as connection:
    mutation_digest = connection.execute("SELECT fraiseql.persist(%s)", [mutation]).fetchone()[0]
status, headers, body = request("GET", query={"extensions": json.dumps(apq(mutation_digest)["extensions"])})
check("get: a persisted mutation by hash over GET is 405", status == 405 and "POST" in (headers.get("Allow") or ""),
      (status, body))

# The body is fraiseql.execute's bytea as it is (no re-encoding): compare with the database's own answer.
with psycopg.connect("") as connection:
    direct = connection.execute("SELECT fraiseql.execute(%s)", [document]).fetchone()[0]
check("bytes: the HTTP body is fraiseql.execute's bytea, byte for byte", bytes(direct) == plain, (direct, plain))

# --- GET and mutations: the operation the request selects decides
status, headers, _ = request("GET", query={"query": "mutation { __typename }"})
check("get: a mutation over GET is 405 with Allow: POST", status == 405 and "POST" in (headers.get("Allow") or ""),
      status)
status, _, _ = request("GET", query={"query": "query Q { __typename } mutation M { __typename }", "operationName": "M"})
check("get: the selected operation of several is a mutation: 405", status == 405, status)
status, _, body = request("GET", query={"query": 'query Q { __typename } mutation M { __typename }',
                                        "operationName": "Q"})
# (the document is valid against the demo schema, which has a Mutation type: Q runs)
check("get: the selected operation is a query: fraiseql gets it",
      status == 200 and json.loads(body) == {"data": {"__typename": "Query"}}, (status, body))
status, _, body = request("GET", query={"query": '# mutation {\n{ __type(name: "mutation { }") { name } }'})
check("get: 'mutation' inside a comment or a string is no mutation", status == 200, (status, body))
status, _, body = request("GET", query={"query": 'query @skip(if: false) { __typename } fragment mutation on Query { __typename }'})
check("get: a directive or fragment named like a keyword is no mutation", status == 200 or status == 400, (status, body))

# --- media types, methods, bodies
status, headers, _ = request(payload={"query": "{ __typename }"}, headers={"Accept": "text/plain"})
check("negotiation: an Accept with neither JSON type is 406", status == 406, status)
status, headers, _ = request(payload={"query": "{ __typename }"},
                             headers={"Accept": "application/json, application/graphql-response+json;q=0.5"})
check("negotiation: q values choose application/json",
      status == 200 and headers.get("Content-Type", "").startswith("application/json"), headers.get("Content-Type"))
status, headers, _ = request(payload={"query": "{ __typename }"},
                             headers={"Accept": "application/json;q=0.5, application/graphql-response+json"})
check("negotiation: ... or graphql-response+json",
      headers.get("Content-Type", "").startswith("application/graphql-response+json"), headers.get("Content-Type"))
status, _, _ = request(body=b'{"query": "{ __typename }"}', headers={"Content-Type": "text/plain"})
check("post: a text/plain body is 415", status == 415, status)
status, _, _ = request(body=b'{"query": "{ __typename }"}', headers={"Content-Type": "application/json; charset=latin1"})
check("post: a charset other than UTF-8 is 415", status == 415, status)
status, headers, _ = request("PUT", payload={"query": "{ __typename }"})
check("methods: PUT is 405", status == 405, status)
big = json.dumps({"query": "{ __typename }", "variables": {"pad": "x" * (2 * 1024 * 1024)}}).encode()
status, _, _ = request(body=big, headers={"Content-Type": "application/json"})
check("limits: a 2 MB body is 413", status == 413, status)
status, _, _ = request(body=iter([big[i:i + 65536] for i in range(0, len(big), 65536)]),
                       headers={"Content-Type": "application/json"})
check("limits: ... also sent chunked (no Content-Length)", status == 413, status)
status, _, body = request(payload={"query": "{ users { nope } }"})
check("status: a validation error is 400 under graphql-response+json",
      status == 400 and errors_code(body) == "GRAPHQL_VALIDATION_FAILED", (status, body))
status, _, body = request(payload={"query": "{ users { nope } }"}, headers={"Accept": "application/json"})
check("status: ... and 200 under application/json", status == 200, status)
status, _, body = request(payload={"query": "query ($id: UUID!) { user(id: $id) { email } }",
                                   "variables": {"id": "00000000-0000-4000-8000-000000000003"}})
check("variables: a POST with variables", status == 200 and json.loads(body) == {"data": {"user": {"email": "grace@example.com"}}},
      (status, body))
status, _, body = request(payload={"query": "{ users(limit: 1) { firstName } }"},
                          headers={"X-Tenant-Id": "t1", "X-User-Id": "u1"})
check("context: context headers are accepted", status == 200, (status, body))
# The demo's createPost reads its author from current_setting('app.user_id'):
# the header must reach the function through execute's context.
CREATE_POST = ("mutation ($input: CreatePostInput!) { createPost(input: $input) { __typename "
               "... on CreatePostSuccess { post { author { firstName } } } ... on CreatePostError { code } } }")
status, _, body = request(payload={"query": CREATE_POST, "variables": {"input": {"title": "Via HTTP " + LABEL}}},
                          headers={"X-User-Id": "00000000-0000-4000-8000-000000000003"})
check("context: X-User-Id reaches the mutation function as app.user_id",
      status == 200 and json.loads(body)["data"]["createPost"]
      == {"__typename": "CreatePostSuccess", "post": {"author": {"firstName": "Grace"}}}, (status, body))
status, _, body = request(payload={"query": CREATE_POST, "variables": {"input": {"title": "No user"}}})
check("context: without X-User-Id the function sees no user (its 401 error member)",
      status == 200 and json.loads(body)["data"]["createPost"] == {"__typename": "CreatePostError", "code": 401},
      (status, body))

print(f"http-{LABEL}: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
