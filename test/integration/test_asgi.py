#!/usr/bin/python3
"""test_asgi.py: the fraiseql_asgi package (python/) as a user installs and mounts it.

- `pip install --no-build-isolation ./python` into a fresh venv made with
  --system-site-packages works without the network, and the venv's python
  imports the package from the venv, not from the source tree.
- Driven as an ASGI app over a real asyncpg pool and a psycopg pool (the demo
  schema in a database of its own): a query answers execute's bytes; no
  context by default (the demo mutation then fails for want of a user), a
  context hook (sync or async) reaches app.user_id; header_context maps
  headers; a 405 carries Allow; /health; a body over the limit is 413; the
  lifespan protocol completes.
Prints "asgi: N passed, M failed".
"""

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATABASE = "fraiseql_asgi"
USER = "00000000-0000-4000-8000-000000000002"
passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what + (": " + str(detail)[:500] if detail else ""))


def install_in_venv():
    work = tempfile.mkdtemp(prefix="fraiseql-asgi-")
    source = os.path.join(work, "python")
    try:
        shutil.copytree(os.path.join(ROOT, "python"), source)  # the build writes next to the sources
        venv = os.path.join(work, "venv")
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True)
        pip = subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--no-build-isolation", "--no-index",
                              source], capture_output=True, text=True)
        check(pip.returncode == 0, "pip install --no-build-isolation ./python in a fresh venv", pip.stdout + pip.stderr)
        where = subprocess.run([os.path.join(venv, "bin", "python"), "-c",
                                "import fraiseql_asgi; print(fraiseql_asgi.__file__)"],
                               capture_output=True, text=True, cwd="/")
        check(where.returncode == 0 and where.stdout.startswith(venv), "the venv imports its installed package",
              where.stdout + where.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def set_up_database():
    env = dict(os.environ, PGDATABASE="postgres")
    subprocess.run(["dropdb", "--if-exists", DATABASE], env=env, check=True)
    subprocess.run(["createdb", DATABASE], env=env, check=True)
    env["PGDATABASE"] = DATABASE
    subprocess.run(["bash", "-c", ". test/scripts/demo_database.sh && load_demo_database"], cwd=ROOT, env=env,
                   check=True)


async def call(app, method, path, body=b"", headers=(), query=b""):
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "root_path": "",
             "query_string": query, "headers": [(k.lower().encode(), v.encode()) for k, v in headers],
             "scheme": "http", "server": ("test", 80), "client": ("test", 1), "http_version": "1.1"}
    chunks = [body[i:i + 65536] for i in range(0, len(body), 65536)] or [b""]
    sent = []

    async def receive():
        chunk = chunks.pop(0) if chunks else b""
        return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    start = sent[0]
    return start["status"], dict(start["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def post_body(query, variables=None):
    return json.dumps({"query": query, "variables": variables}).encode()


async def exercise(pool, label, execute_bytes):
    sys.path.insert(0, os.path.join(ROOT, "python"))
    from fraiseql_asgi import GraphQLApp, header_context
    from fraiseql_asgi.app import traceparent

    app = GraphQLApp(pool)
    json_headers = [("Content-Type", "application/json")]
    status, headers, body = await call(app, "POST", "/graphql", post_body("{ users { firstName } }"), json_headers)
    check(status == 200 and body == execute_bytes and headers[b"content-type"] == b"application/json; charset=utf-8",
          label + ": a query answers execute's bytes", (status, body))
    mutation = ('mutation { createPost(input: {title: "Hello"}) { __typename ... on CreatePostSuccess '
                '{ post { author { firstName } } } ... on CreatePostError { status } } }')
    status, _, body = await call(app, "POST", "/graphql", post_body(mutation),
                                 json_headers + [("X-User-Id", USER)])
    check(b'"status":"unauthorized:no_user"' in body, label + ": no context by default (headers are not trusted)",
          body)

    for hook_name, hook in (("sync", lambda scope: {"user_id": USER}), ("async", None)):
        if hook is None:
            async def hook(scope):
                return {"user_id": USER}
        app = GraphQLApp(pool, context=hook)
        status, _, body = await call(app, "POST", "/graphql", post_body(mutation), json_headers)
        check(status == 200 and b'"author":{"firstName":"Alan"}' in body,
              label + ": a " + hook_name + " context hook reaches app.user_id", body)
    app = GraphQLApp(pool, context=header_context({"X-User-Id": "user_id"}))
    status, _, body = await call(app, "POST", "/graphql", post_body(mutation), json_headers + [("x-user-id", USER)])
    check(b'"author":{"firstName":"Alan"}' in body, label + ": header_context maps a header", body)

    good = b"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    check(traceparent({"headers": [(b"traceparent", good)]}) == good.decode()
          and traceparent({"headers": [(b"traceparent", good.upper())]}) is None
          and traceparent({"headers": [(b"traceparent", good + b"'*/")]}) is None
          and traceparent({"headers": [(b"traceparent", good), (b"traceparent", good)]}) is None
          and traceparent({"headers": [(b"x-traceparent", good)]}) is None,
          label + ": only a well-formed traceparent header is taken")
    status, _, body = await call(app, "POST", "/graphql", post_body(mutation),
                                 json_headers + [("x-user-id", USER), ("traceparent", good.decode())])
    check(b'"author":{"firstName":"Alan"}' in body, label + ": a traceparent joins the hook's context", body)
    status, _, body = await call(app, "POST", "/graphql", post_body("{ users { firstName } }"),
                                 json_headers + [("traceparent", "not-a-trace")])
    check(status == 200 and body == execute_bytes, label + ": a malformed traceparent is ignored", body)

    status, headers, body = await call(app, "GET", "/graphql", query=b"query=mutation%7Bx%7D")
    check(status == 405 and headers.get(b"allow") == b"POST", label + ": a mutation over GET is 405 with Allow", body)
    status, _, body = await call(app, "GET", "/graphql/health")
    check(status == 200 and body == b"ok", label + ": /health")
    app = GraphQLApp(pool, max_body_bytes=1000)
    status, _, body = await call(app, "POST", "/graphql", b"x" * 200000, json_headers)
    check(status == 413 and b"too large" in body, label + ": a body over the limit is 413", (status, body))
    messages = [{"type": "lifespan.startup"}]
    replies = []

    async def receive():
        return messages.pop(0)

    async def send(message):
        replies.append(message)

    await app({"type": "lifespan"}, receive, send)
    check(replies == [{"type": "lifespan.startup.complete"}], label + ": lifespan startup completes", replies)


async def held_connections(execute_bytes):
    """create_asyncpg_pool's pools keep connections between requests
    (pools.HeldConnections): more requests than connections wait their turn,
    a cancelled call gives its connection back to the pool, several apps share
    the pool, and the pool's close() does not wait for held connections."""
    from fraiseql_asgi import GraphQLApp, create_asyncpg_pool

    pool = await create_asyncpg_pool(database=DATABASE, min_size=1, max_size=3)
    apps = [GraphQLApp(pool), GraphQLApp(pool)]
    request = post_body("{ users { firstName } }")
    headers = [("Content-Type", "application/json")]
    answers = await asyncio.wait_for(asyncio.gather(*(
        call(apps[i % 2], "POST", "/graphql", request, headers) for i in range(40))), 30)
    check(all(status == 200 and body == execute_bytes for status, _, body in answers),
          "held connections: 40 concurrent requests on two apps over 2 held connections all answer")
    check(pool.held.held <= 2 and len(pool.held.free) == pool.held.held,
          "held connections: at most max_size - 1 held, all idle afterwards", (pool.held.held, len(pool.held.free)))
    sleeper = asyncio.ensure_future(pool.held.run(lambda connection: connection.fetchval("SELECT pg_sleep(30)")))
    await asyncio.sleep(0.5)
    sleeper.cancel()
    try:
        await sleeper
    except asyncio.CancelledError:
        pass
    status, _, body = await call(apps[0], "POST", "/graphql", request, headers)
    async with pool.acquire() as connection:
        sleeping = await connection.fetchval("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' "
                                             "AND state = 'active'")
    check(status == 200 and body == execute_bytes and sleeping == 0,
          "held connections: a cancelled call's connection goes back to the pool, its query cancelled, and the next "
          "request answers", (status, sleeping))
    try:
        await asyncio.wait_for(pool.close(), 10)
        closed = True
    except asyncio.TimeoutError:
        closed = False
        pool.terminate()
    check(closed and pool.held.held == 0, "held connections: the pool's close() takes them back and closes at once",
          pool.held.held)


async def main_async():

    import psycopg
    from psycopg_pool import AsyncConnectionPool

    sys.path.insert(0, os.path.join(ROOT, "python"))
    from fraiseql_asgi import create_asyncpg_pool

    with psycopg.connect(dbname=DATABASE, autocommit=True) as connection:
        execute_bytes = bytes(connection.execute("SELECT fraiseql.execute('{ users { firstName } }')").fetchone()[0])
    pool = await create_asyncpg_pool(database=DATABASE, min_size=1, max_size=2)
    try:
        await exercise(pool, "asyncpg", execute_bytes)
    finally:
        await pool.close()
    await held_connections(execute_bytes)
    pool = AsyncConnectionPool("dbname=" + DATABASE, min_size=1, max_size=2, kwargs={"autocommit": True}, open=False)
    await pool.open(wait=True)
    try:
        await exercise(pool, "psycopg", execute_bytes)
    finally:
        await pool.close()



def main():
    install_in_venv()
    set_up_database()
    try:
        asyncio.run(main_async())
    finally:
        subprocess.run(["dropdb", "--if-exists", DATABASE], env=dict(os.environ, PGDATABASE="postgres"))
    print("asgi: {} passed, {} failed".format(passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
