"""GraphQL over HTTP in front of fraiseql, independent of the web framework and
of the database driver.

The HTTP layer only checks the request's shape, picks the response media type
and the status code; fraiseql.execute does everything GraphQL and its bytes are
sent to the client untouched. `handle()` takes a plain `HttpRequest` and a
`run(statement, args)` coroutine that runs one of the STATEMENTS below with the
driver at hand and returns the bytea as `bytes`.

Spec: GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/),
plus Automatic Persisted Queries (`extensions.persistedQuery`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import dataclass, field

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"

# One round trip each; $n placeholders (psycopg's app turns them into %s).
STATEMENTS = {
    "execute": "SELECT fraiseql.execute($1, $2::jsonb, $3, $4::jsonb)",
    "execute_persisted": "SELECT fraiseql.execute_persisted($1, $2::jsonb, $3, $4::jsonb)",
    # APQ registration, after the document ran without a request error (so
    # only documents that parse and validate are stored). Needs EXECUTE on persist.
    "persist": "SELECT fraiseql.persist($1)",
    # A GET by hash alone: the text, to refuse a persisted mutation (once per hash).
    "persisted_text": "SELECT query FROM fraiseql.persisted_query WHERE hash = $1",
}

# Request headers that become keys of fraiseql's `context` (current_setting('app.<key>')).
# A real deployment takes these from a verified token (a JWT checked by the
# app or its gateway), never from headers a client can set itself.
CONTEXT_HEADERS = {"x-tenant-id": "tenant_id", "x-user-id": "user_id"}

# FRAISEQL_APQ_REGISTER=off: a hash with its query is not stored; the query is
# run as an ad-hoc document (which fraiseql.persisted_only may refuse), so only
# documents persisted at build time run by hash: an allowlist.
APQ_REGISTER = os.environ.get("FRAISEQL_APQ_REGISTER", "on").lower() not in ("off", "0", "false", "no")

_SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")

# hash -> whether that persisted document holds a mutation. A hash names one
# text forever, so the answer never goes stale; bounded all the same.
_PERSISTED_MUTATION = {}
_PERSISTED_MUTATION_MAX = 10000


@dataclass
class HttpRequest:
    method: str
    headers: dict  # lower-case names
    query_params: dict = field(default_factory=dict)
    body: bytes = b""


@dataclass
class HttpResponse:
    status: int
    body: bytes
    content_type: str | None = None
    headers: dict = field(default_factory=dict)


class BadRequest(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request."""

    def __init__(self, message: str, status: int = 400, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


# Clients send the same few Accept headers over and over: remember the answers
# (bounded, so distinct headers from a hostile client only evict).
@functools.lru_cache(maxsize=256)
def negotiate(accept: str | None) -> str | None:
    """The response media type for an Accept header; None when neither is acceptable.

    Each candidate takes the q of the most specific range that matches it.
    application/graphql-response+json wins when named explicitly; wildcards
    (and a missing Accept) give application/json, which every client reads.
    """
    if accept is None or not accept.strip():
        return JSON
    ranges = []
    for part in accept.split(","):
        media, _, params = part.partition(";")
        media = media.strip().lower()
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        ranges.append((media, q))

    def quality(candidate):
        best = None  # (specificity, q)
        for media, q in ranges:
            if media == candidate:
                specificity = 2
            elif media == "application/*":
                specificity = 1
            elif media == "*/*":
                specificity = 0
            else:
                continue
            if best is None or specificity > best[0]:
                best = (specificity, q)
        return best

    choices = []
    for preference_if_exact, preference_if_wildcard, candidate in (
        (1, 0, GRAPHQL_RESPONSE_JSON),
        (0, 1, JSON),
    ):
        found = quality(candidate)
        if found is None or found[1] <= 0:
            continue
        specificity, q = found
        exact = specificity == 2
        choices.append(((q, exact, preference_if_exact if exact else preference_if_wildcard), candidate))
    if not choices:
        return None
    return max(choices)[1]


def _skip_string(text: str, i: int) -> int:
    """Index after the string literal starting at text[i] (a quote)."""
    if text.startswith('"""', i):
        i += 3
        while i < len(text):
            if text.startswith('\\"""', i):
                i += 4
            elif text.startswith('"""', i):
                return i + 3
            else:
                i += 1
        return i
    i += 1
    while i < len(text) and text[i] not in '"\n\r':
        i += 2 if text[i] == "\\" else 1
    return i + 1


_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")


def operation_kinds(document: str) -> list:
    """(kind, name) of each operation of a document, read from its top level only
    (fraiseql does the real parse). Strings and comments are skipped, so a brace
    or keyword inside them does not count."""
    operations = []
    depth = 0
    pending = None  # the keyword of the definition whose body has not opened yet
    want_name = False
    after_at = False
    i = 0
    while i < len(document):
        c = document[i]
        if c == "#":
            while i < len(document) and document[i] not in "\n\r":
                i += 1
            continue
        if c == '"':
            i = _skip_string(document, i)
            continue
        if c in "{([":
            if depth == 0 and c == "{":
                if pending is None:
                    operations.append(["query", None])  # shorthand `{ ... }`
                pending = None
                want_name = False
            depth += 1
        elif c in "})]":
            depth = max(depth - 1, 0)
        elif c == "@":
            after_at = True
            i += 1
            continue
        elif depth == 0:
            match = _NAME.match(document, i)
            if match:
                word = match.group(0)
                if after_at:
                    pass  # a directive's name
                elif want_name:
                    if pending != "fragment":
                        operations[-1][1] = word
                    want_name = False
                elif pending is None and word in ("query", "mutation", "subscription", "fragment"):
                    pending = word
                    want_name = True
                    if word != "fragment":
                        operations.append([word, None])
                after_at = False
                i = match.end()
                continue
        if c not in " \t\n\r,\ufeff":  # ignored tokens may sit between @ and the name
            after_at = False
        i += 1
    return [tuple(op) for op in operations]


def mutation_selected(document: str, operation_name: str | None) -> bool:
    """Whether the request may run a mutation: the named operation is one, or
    no name is given and some operation is one (conservative: with several
    operations and no name fraiseql refuses anyway)."""
    operations = operation_kinds(document)
    if operation_name is not None:
        return any(kind == "mutation" and name == operation_name for kind, name in operations)
    return any(kind == "mutation" for kind, _ in operations)


def _json_object_param(value, name):
    if value is None or isinstance(value, dict):
        return value
    raise BadRequest(f"The {name} parameter must be an object or null")


def _parse_json(text, name):
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise BadRequest(f"The {name} parameter is not valid JSON")


def read_params(request: HttpRequest) -> dict:
    """The GraphQL request parameters of a GET (URL query) or POST (JSON body)."""
    if request.method == "GET":
        params = dict(request.query_params)
        for name in ("variables", "extensions"):
            if params.get(name) not in (None, ""):
                params[name] = _parse_json(params[name], name)
            else:
                params[name] = None
        return params
    content_type = request.headers.get("content-type")
    if not content_type:
        raise BadRequest("Missing Content-Type: send application/json", 415)
    media, _, rest = content_type.partition(";")
    if media.strip().lower() != JSON:
        raise BadRequest(f"Unsupported Content-Type {media.strip()!r}: send application/json", 415)
    charset = re.search(r"charset\s*=\s*\"?([^\";\s]+)", rest, re.IGNORECASE)
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise BadRequest("Unsupported charset: send UTF-8", 415)
    if not request.body:
        raise BadRequest("Missing request body")
    try:
        params = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadRequest("The request body is not valid JSON")
    if not isinstance(params, dict):
        raise BadRequest("The request body must be a JSON object")
    return params


def _persisted_hash(extensions):
    """The sha256 hash of an APQ request, None when there is none."""
    if not extensions or "persistedQuery" not in extensions:
        return None
    persisted = extensions["persistedQuery"]
    if not isinstance(persisted, dict):
        raise BadRequest("extensions.persistedQuery must be an object")
    if persisted.get("version") != 1:
        raise BadRequest("Unsupported persisted query version: only 1 is known")
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _SHA256_HEX.fullmatch(digest):
        raise BadRequest("extensions.persistedQuery.sha256Hash must be 64 hex digits")
    return digest.lower()


def request_context(headers: dict):
    context = {key: headers[header] for header, key in CONTEXT_HEADERS.items() if headers.get(header)}
    return json.dumps(context) if context else None


def _has_data(body: bytes) -> bool:
    """Whether a response has `data`, i.e. is no request error. Only error
    responses are read (fraiseql puts `errors` first)."""
    if body.startswith(b'{"data"'):
        return True
    try:
        return "data" in json.loads(body)
    except ValueError:
        return False


def _status_for(body: bytes, media_type: str) -> int:
    """200, except a request error (no `data` key) under graphql-response+json: 400."""
    if media_type != GRAPHQL_RESPONSE_JSON:
        return 200
    return 200 if _has_data(body) else 400


def error_body(message: str, code: str | None = None) -> bytes:
    error = {"message": message}
    if code:
        error["extensions"] = {"code": code}
    return json.dumps({"errors": [error]}).encode()


async def handle(request: HttpRequest, run) -> HttpResponse:
    media_type = negotiate(request.headers.get("accept"))
    if media_type is None:
        return HttpResponse(406, error_body(f"Not acceptable: ask for {GRAPHQL_RESPONSE_JSON} or {JSON}"), JSON)
    try:
        if request.method not in ("GET", "POST"):
            raise BadRequest("Use GET or POST", 405, {"Allow": "GET, POST"})
        params = read_params(request)
        query = params.get("query")
        operation_name = params.get("operationName")
        variables = _json_object_param(params.get("variables"), "variables")
        extensions = _json_object_param(params.get("extensions"), "extensions")
        if query is not None and not isinstance(query, str):
            raise BadRequest("The query parameter must be a string")
        if operation_name is not None and not isinstance(operation_name, str):
            raise BadRequest("The operationName parameter must be a string or null")
        digest = _persisted_hash(extensions)
        if query is None and digest is None:
            raise BadRequest("Missing query parameter")
        if query is not None and "\x00" in query:
            raise BadRequest("The query contains a NUL character")
        if digest is not None and query is not None:
            if hashlib.sha256(query.encode("utf-8")).hexdigest() != digest:
                raise BadRequest("provided sha does not match query")
        if request.method == "GET" and query is not None and mutation_selected(query, operation_name):
            raise BadRequest("Mutations are not allowed over GET: use POST", 405, {"Allow": "POST"})
    except BadRequest as bad:
        return HttpResponse(bad.status, error_body(str(bad)), media_type, bad.headers)

    args = [None, json.dumps(variables) if variables is not None else None, operation_name,
            request_context(request.headers)]
    if digest is None:
        statement, args[0] = "execute", query
    elif query is None:
        statement, args[0] = "execute_persisted", digest
    else:
        statement, args[0] = "execute", query  # a hash with its query: run the text (and maybe store it)
    if request.method == "GET" and query is None:
        if await _persisted_mutation(digest, operation_name, run):
            return HttpResponse(405, error_body("Mutations are not allowed over GET: use POST"), media_type,
                                {"Allow": "POST"})
    body = await run(statement, args)
    if digest is not None and query is not None and APQ_REGISTER and _has_data(body):
        await run("persist", [query])  # once per document: later requests send the hash alone
    return HttpResponse(_status_for(body, media_type), body, media_type)


async def _persisted_mutation(digest, operation_name, run) -> bool:
    key = (digest, operation_name)
    if key not in _PERSISTED_MUTATION:
        text = await run("persisted_text", [digest])
        if text is None:
            return False  # execute_persisted answers PersistedQueryNotFound
        if len(_PERSISTED_MUTATION) >= _PERSISTED_MUTATION_MAX:
            _PERSISTED_MUTATION.clear()
        _PERSISTED_MUTATION[key] = mutation_selected(text, operation_name)
    return _PERSISTED_MUTATION[key]
