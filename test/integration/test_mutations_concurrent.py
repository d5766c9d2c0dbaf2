#!/usr/bin/python3
"""test_mutations_concurrent.py: 1,000 mutations from 8 concurrent connections (issue 7, point 2).

Each connection runs its share of createItem mutations one after the other,
the connections at the same time; every call names its tenant in execute()'s
context, and the tenant changes from call to call on each connection, so a
setting leaking from one call into the next would put a row under the wrong
tenant. The table's tenant_id defaults to current_setting('app.tenant_id'),
a row-level security policy (the role is not the owner) checks it, and the
function also receives the tenant as its first (context) parameter.

Checks: every response is the Success member with the entity the call
created; afterwards no app.* setting is left on the connection; each tenant
has exactly its rows (by the owner, without RLS: none lost, none duplicated,
none under another tenant); and a context-scoped GraphQL read returns each
tenant's rows only. Prints "mutations: N passed, M failed"; exits 1 on failure.
"""

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid

import asyncpg

DATABASE = "fraiseql_mutations"
ROLE = "fraiseql_mut_writer"
CONNECTIONS = 8
MUTATIONS = 1000
TENANTS = ["tenant_%d" % i for i in range(CONNECTIONS)]

SETUP = """
\\o /dev/null
CREATE EXTENSION fraiseql;
CREATE SCHEMA shop;
CREATE TABLE shop.tb_item (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT current_setting('app.tenant_id'),
    name text NOT NULL,
    created_by text NOT NULL
);
ALTER TABLE shop.tb_item ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON shop.tb_item
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE VIEW shop.v_item WITH (security_invoker = true) AS
    SELECT id, tenant_id, jsonb_build_object('id', id, 'tenant_id', tenant_id, 'name', name) AS data FROM shop.tb_item;
CREATE FUNCTION shop.fn_create_item(p_tenant text, p_user text, input jsonb) RETURNS fraiseql.mutation_response
LANGUAGE plpgsql AS $$
DECLARE
    result fraiseql.mutation_response;
BEGIN
    IF p_tenant IS DISTINCT FROM current_setting('app.tenant_id', true) THEN
        result.status := 'forbidden:tenant_mismatch';
        result.message := p_tenant || ' <> ' || coalesce(current_setting('app.tenant_id', true), 'NULL');
        RETURN result;
    END IF;
    INSERT INTO shop.tb_item (id, name, created_by) VALUES ((input->>'id')::uuid, input->>'name', p_user);
    result.status := 'created';
    result.entity := (SELECT data FROM shop.v_item WHERE id = (input->>'id')::uuid);
    RETURN result;
END $$;
CREATE ROLE %(role)s LOGIN;
GRANT USAGE ON SCHEMA shop TO %(role)s;
GRANT SELECT, INSERT ON shop.tb_item TO %(role)s;
GRANT SELECT ON shop.v_item TO %(role)s;
SELECT fraiseql.load_schema($sdl$
scalar UUID
type Item @view(name: "shop.v_item") { id: UUID! tenantId: String! name: String! }
input CreateItemInput { id: UUID! name: String! }
type CreateItemSuccess { item: Item! message: String }
type CreateItemError { message: String code: Int! }
union CreateItemResult = CreateItemSuccess | CreateItemError
type Query { items: [Item!]! }
type Mutation {
  createItem(input: CreateItemInput!): CreateItemResult!
    @function(name: "shop.fn_create_item", context: ["tenant_id", "user_id"])
}
$sdl$);
""" % {"role": ROLE}

MUTATION = """mutation Create($input: CreateItemInput!) {
  createItem(input: $input) {
    __typename
    ... on CreateItemSuccess { item { id tenantId name } }
    ... on CreateItemError { message code }
  }
}"""


def psql(database, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database], input=sql, text=True, check=True)


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("not ok - " + name)
        return ok


async def execute(conn, query, variables=None, context=None):
    raw = await conn.fetchval("SELECT fraiseql.execute($1, $2::jsonb, NULL, $3::jsonb)", query,
                              None if variables is None else json.dumps(variables),
                              None if context is None else json.dumps(context))
    return json.loads(bytes(raw).decode("utf-8"))


async def writer(index, calls, results, sent):
    conn = await asyncpg.connect(database=DATABASE, user=ROLE)
    try:
        for k in range(calls):
            tenant = TENANTS[(index + k) % CONNECTIONS]  # a different tenant on every call
            item_id = str(uuid.uuid4())
            name = "%s/c%d/%d" % (tenant, index, k)
            sent.append((item_id, tenant, name))
            response = await execute(conn, MUTATION, {"input": {"id": item_id, "name": name}},
                                     {"tenant_id": tenant, "user_id": "writer-%d" % index})
            data = (response.get("data") or {}).get("createItem") or {}
            results.check("errors" not in response and data.get("__typename") == "CreateItemSuccess" and
                          data.get("item") == {"id": item_id, "tenantId": tenant, "name": name},
                          "connection %d call %d: %s" % (index, k, json.dumps(response)[:300]))
            leaked = await conn.fetchval("SELECT coalesce(current_setting('app.tenant_id', true), '')")
            results.check(leaked == "", "connection %d call %d: app.tenant_id left as %r" % (index, k, leaked))
    finally:
        await conn.close()


async def main():
    with_admin = await asyncpg.connect(database="postgres")
    await with_admin.execute("DROP DATABASE IF EXISTS " + DATABASE)
    await with_admin.execute("DROP ROLE IF EXISTS " + ROLE)
    await with_admin.execute("CREATE DATABASE " + DATABASE)
    await with_admin.close()
    psql(DATABASE, SETUP)

    results = Results()
    sent = []
    per_connection = [MUTATIONS // CONNECTIONS + (1 if i < MUTATIONS % CONNECTIONS else 0) for i in range(CONNECTIONS)]
    started = time.monotonic()
    await asyncio.gather(*(writer(i, n, results, sent) for i, n in enumerate(per_connection)))
    elapsed = time.monotonic() - started
    print("%d mutations from %d connections in %.2f s (%.0f/s)" % (len(sent), CONNECTIONS, elapsed, len(sent) / elapsed))
    results.check(len(sent) == MUTATIONS, "sent %d mutations" % len(sent))

    owner = await asyncpg.connect(database=DATABASE)
    rows = await owner.fetch("SELECT id::text AS id, tenant_id, name FROM shop.tb_item")
    await owner.close()
    stored = {r["id"]: (r["tenant_id"], r["name"]) for r in rows}
    results.check(len(rows) == MUTATIONS, "%d rows stored for %d mutations" % (len(rows), MUTATIONS))
    results.check(len(stored) == len(rows), "no duplicated ids")
    lost = [s for s in sent if s[0] not in stored]
    results.check(not lost, "%d mutations lost, e.g. %s" % (len(lost), lost[:3]))
    wrong = [s for s in sent if s[0] in stored and stored[s[0]] != (s[1], s[2])]
    results.check(not wrong, "%d rows under the wrong tenant, e.g. %s" % (len(wrong), wrong[:3]))

    # Reads are scoped the same way: each tenant sees exactly its own rows.
    reader = await asyncpg.connect(database=DATABASE, user=ROLE)
    for tenant in TENANTS:
        response = await execute(reader, "{ items(limit: 100000) { id tenantId } }", None, {"tenant_id": tenant})
        items = (response.get("data") or {}).get("items") or []
        expected = sorted(s[0] for s in sent if s[1] == tenant)
        results.check(sorted(i["id"] for i in items) == expected and all(i["tenantId"] == tenant for i in items),
                      "tenant %s reads %d rows, expected %d" % (tenant, len(items), len(expected)))
    await reader.close()

    admin = await asyncpg.connect(database="postgres")
    await admin.execute("DROP DATABASE IF EXISTS " + DATABASE)
    await admin.execute("DROP ROLE IF EXISTS " + ROLE)
    await admin.close()
    print("mutations: %d passed, %d failed" % (results.passed, results.failed))
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
