"""allowlist_test.py URL HASH TEXT: an app whose role has
fraiseql.apq_register = off and fraiseql.persisted_only = on runs only the persisted document
TEXT (by its HASH or its exact text). Prints "allowlist: N passed, M failed"."""

import hashlib
import json
import sys
import urllib.error
import urllib.request

URL, HASH, TEXT = sys.argv[1:4]
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    passed, failed = (passed + 1, failed) if condition else (passed, failed + 1)
    print(f"ok   {name}" if condition else f"FAIL {name}: {detail}")


def post(payload):
    req = urllib.request.Request(URL, data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json",
                                          "Accept": "application/graphql-response+json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def code(body):
    return body.get("errors", [{}])[0].get("extensions", {}).get("code")


def apq(digest, query=None):
    payload = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    if query is not None:
        payload["query"] = query
    return payload


status, body = post(apq(HASH))
check("allowlist: the persisted document runs by hash", status == 200 and "data" in body, (status, body))
status, body = post({"query": TEXT})
check("allowlist: ... and by its exact text", status == 200 and "data" in body, (status, body))
status, body = post({"query": "{ users { email } }"})
check("allowlist: an ad-hoc document is PERSISTED_QUERY_REQUIRED (400)",
      status == 400 and code(body) == "PERSISTED_QUERY_REQUIRED", (status, body))
other = "{ posts { title } }"
other_hash = hashlib.sha256(other.encode()).hexdigest()
status, body = post(apq(other_hash, other))
check("allowlist: APQ registration is off: hash with a new query is refused",
      status == 400 and code(body) == "PERSISTED_QUERY_REQUIRED", (status, body))
status, body = post(apq(other_hash))
check("allowlist: ... and was not stored", status == 400 and code(body) == "PERSISTED_QUERY_NOT_FOUND", (status, body))

print(f"allowlist: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
