-- subscriptions: Subscription fields with @notify, fraiseql.subscribe,
-- fraiseql.subscription_event and fraiseql.notify_trigger (docs/subscriptions.md).
\set QUIET on
\set ON_ERROR_ROLLBACK on
BEGIN;
\o /dev/null
CREATE SCHEMA subx;
CREATE TABLE subx.tb_task (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL,
    project_id uuid NOT NULL,
    title text NOT NULL,
    done boolean NOT NULL DEFAULT false,
    estimate int
);
INSERT INTO subx.tb_task VALUES
    ('e0000000-0000-0000-0000-000000000001', 'A', 'f0000000-0000-0000-0000-000000000001', 'Write docs', false, 3),
    ('e0000000-0000-0000-0000-000000000002', 'B', 'f0000000-0000-0000-0000-000000000002', 'Tenant B''s task', true, NULL);
-- security_invoker: the view reads the table as the caller, so the table's
-- row-level security applies to whoever calls fraiseql
CREATE VIEW subx.v_task WITH (security_invoker = true) AS
SELECT id, tenant_id, project_id,
       jsonb_build_object('id', id, 'project_id', project_id, 'title', title, 'done', done, 'estimate', estimate) AS data
FROM subx.tb_task;
ALTER TABLE subx.tb_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON subx.tb_task USING (tenant_id = current_setting('app.tenant_id', true));
SELECT fraiseql.load_schema($$
scalar UUID
type Task @view(name: "subx.v_task") {
  id: UUID!
  projectId: UUID!
  title: String!
  done: Boolean!
  estimate: Int
}
type Query { tasks: [Task!]! }
type Subscription {
  taskChanged(projectId: UUID): Task @notify(channel: "task_changed")
}
$$);
-- one event's response as text; SQL NULL (nothing to deliver) shows as <nothing>
CREATE FUNCTION pg_temp.event(query text, variables jsonb, payload jsonb, context jsonb DEFAULT NULL,
                              operation_name text DEFAULT NULL)
RETURNS text LANGUAGE sql AS $f$
    SELECT coalesce(convert_from(fraiseql.subscription_event(query, variables, payload, context, operation_name), 'UTF8'),
                    '<nothing>')
$f$;
\o
\pset tuples_only on
\pset format unaligned
\set QUIET off
\set VERBOSITY terse

-- the schema: the Subscription root, its field with @notify and the generated where
SELECT line FROM regexp_split_to_table(fraiseql.schema_sdl(), E'\n') AS line
WHERE line ~ '^type Subscription|taskChanged|^schema|directive @notify';
SELECT convert_from(fraiseql.execute('{ __schema { subscriptionType { name fields { name type { name } args { name } } } } }'), 'UTF8');

-- load errors, each with its line:column
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: Task }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: Task @notify(channel: "") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: Task @notify(channel: "' || repeat('c', 64) || '") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! @notify(channel: "task_changed") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: [Task!]! @notify(channel: "task_changed") }');
SELECT fraiseql.load_schema('scalar UUID
type Note { id: UUID! }
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { noteChanged: Note @notify(channel: "note_changed") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged(ownerId: UUID): Task @notify(channel: "task_changed") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task", idColumn: "task_id") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: Task @notify(channel: "task_changed") }');
SELECT fraiseql.load_schema('scalar UUID
type Task @view(name: "subx.v_task") { id: UUID! }
type Query { tasks: [Task!]! }
type Subscription { taskChanged: Task @notify(channel: "task_changed", table: "x") }');
-- the stored schema is unchanged by the failures
SELECT fraiseql.subscribe('subscription { taskChanged { id } }')->'channels' AS channels;

-- subscribe: the channels to LISTEN on and what the field is
SELECT fraiseql.subscribe('subscription OnTask($p: UUID) { t: taskChanged(projectId: $p) { id title } }',
                          '{"p": "f0000000-0000-0000-0000-000000000001"}', 'OnTask');
-- failures are execute's request errors: more than one root field (the spec's rule) ...
SELECT fraiseql.subscribe('subscription { taskChanged { id } other: taskChanged { title } }');
-- ... a query, or a mutation-less schema's mutation ...
SELECT fraiseql.subscribe('{ tasks { id } }');
SELECT fraiseql.subscribe('mutation { x }');
-- ... a syntax error, an unknown field, a bad variable, an unknown operation name
SELECT fraiseql.subscribe('subscription { taskChanged { id }');
SELECT fraiseql.subscribe('subscription { taskChanged { nope } }');
SELECT fraiseql.subscribe('subscription ($p: UUID) { taskChanged(projectId: $p) { id } }', '{"p": "not-a-uuid"}');
SELECT fraiseql.subscribe('subscription A { taskChanged { id } }', NULL, 'B');
-- ... the limits of execute
SET fraiseql.max_depth = 1;
SELECT fraiseql.subscribe('subscription { taskChanged { id } }');
RESET fraiseql.max_depth;
-- ... and @skip leaving the one root field out
SELECT fraiseql.subscribe('subscription { taskChanged @skip(if: true) { id } }');

-- execute, execute_json and serve answer a subscription with a request error
SELECT convert_from(fraiseql.execute('subscription { taskChanged { id } }'), 'UTF8');
SELECT fraiseql.execute_json('subscription S { taskChanged { id } }');
SELECT status, convert_from(body, 'UTF8') FROM fraiseql.serve('POST', '', 'application/json',
    'application/graphql-response+json', convert_to('{"query": "subscription { taskChanged { id } }"}', 'UTF8'));
SELECT status, convert_from(body, 'UTF8') FROM fraiseql.serve('GET', 'query=subscription%7BtaskChanged%7Bid%7D%7D', NULL,
    'application/json', NULL);
-- explain shows the statement an event runs: the event's id is $1
SELECT r->>'sql', r->'params' FROM jsonb_array_elements(fraiseql.explain(
    'subscription { taskChanged(projectId: "f0000000-0000-0000-0000-000000000001", where: {done: {eq: false}}) { id } }')->'roots') r;

-- an event is shaped exactly like a query over the row: aliases, fragments,
-- inline fragments, @skip/@include (literal and variable), __typename
SELECT pg_temp.event('subscription ($brief: Boolean!) {
  change: taskChanged { __typename ...Names ... on Task { done } estimate @skip(if: $brief) id @include(if: false) }
}
fragment Names on Task { name: title projectId }',
    '{"brief": false}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription ($brief: Boolean!) {
  change: taskChanged { __typename ...Names ... on Task { done } estimate @skip(if: $brief) id @include(if: false) }
}
fragment Names on Task { name: title projectId }',
    '{"brief": true}', '{"op": "INSERT", "id": "e0000000-0000-0000-0000-000000000001"}');
-- the same event and document answered by execute as a query: the same data
SELECT convert_from(fraiseql.execute('{ tasks(where: {id: {eq: "e0000000-0000-0000-0000-000000000001"}}) { __typename name: title projectId done estimate } }'), 'UTF8');

-- arguments filter events: the project's task matches, another project's does not
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { title } }',
    '{"p": "f0000000-0000-0000-0000-000000000001"}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { title } }',
    '{"p": "f0000000-0000-0000-0000-000000000002"}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
-- a null or unset argument filters nothing (as an absent one): each matches
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { title } }',
    '{"p": null}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { title } }',
    '{}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription { taskChanged(projectId: null) { title } }',
    NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
-- a literal argument, and the generated where
SELECT pg_temp.event('subscription { taskChanged(projectId: "f0000000-0000-0000-0000-000000000002") { title } }',
    NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000002"}');
SELECT pg_temp.event('subscription { taskChanged(where: {done: {eq: true}}) { title } }',
    NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000002"}');
SELECT pg_temp.event('subscription { taskChanged(where: {done: {eq: true}}) { title } }',
    NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
-- no argument: every row of the view
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000002"}');

-- nothing is delivered for a row that is gone, or for a DELETE (the row
-- cannot be read again to decide who may see it)
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-0000000000ff"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "DELETE", "id": "e0000000-0000-0000-0000-000000000001"}');

-- malformed payloads deliver nothing, never an SQL error: none, not an
-- object, no op, an unknown op, no id, a null id, an id not of the id
-- column's type, a number for a uuid
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, NULL);
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '["UPDATE"]');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "TRUNCATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE", "id": null}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE", "id": "not-a-uuid"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL, '{"op": "UPDATE", "id": 42}');
-- a document that is not a subscription gets its request error, as from subscribe
SELECT pg_temp.event('{ tasks { title } }', NULL, '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
-- and the transaction is still usable
SELECT count(*) FROM subx.tb_task;

-- the plan cache: subscribe compiles and prepares the statement once, every
-- event is a hit (no parse, no validation, no SQL planning of ours)
SELECT fraiseql.cache_reset() IS NULL AS reset;
SELECT fraiseql.subscribe('subscription ($p: UUID) { taskChanged(projectId: $p) { id title } }',
                          '{"p": "f0000000-0000-0000-0000-000000000001"}') ? 'channels' AS subscribed;
SELECT fraiseql.cache_stats()->'hits' AS hits, fraiseql.cache_stats()->'misses' AS misses;
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { id title } }',
    '{"p": "f0000000-0000-0000-0000-000000000001"}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT pg_temp.event('subscription ($p: UUID) { taskChanged(projectId: $p) { id title } }',
    '{"p": "f0000000-0000-0000-0000-000000000001"}', '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001"}');
SELECT fraiseql.cache_stats()->'hits' AS hits, fraiseql.cache_stats()->'misses' AS misses,
       fraiseql.cache_stats()->'entries' AS entries;

-- row-level security decides with the subscriber's context, as for a query:
-- a role subject to the policy (the superuser running this test is not)
CREATE ROLE regress_subx_app NOLOGIN;
GRANT USAGE ON SCHEMA subx TO regress_subx_app;
GRANT SELECT ON subx.tb_task, subx.v_task TO regress_subx_app;
SET ROLE regress_subx_app;
-- tenant A's subscriber hears of tenant A's row ...
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL,
    '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001", "tenant": "A"}', '{"tenant_id": "A"}');
-- ... tenant B's subscriber never does, nor one without a context
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL,
    '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001", "tenant": "A"}', '{"tenant_id": "B"}');
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL,
    '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000001", "tenant": "A"}');
-- tenant B's own row reaches tenant B
SELECT pg_temp.event('subscription { taskChanged { title } }', NULL,
    '{"op": "UPDATE", "id": "e0000000-0000-0000-0000-000000000002", "tenant": "B"}', '{"tenant_id": "B"}');
-- the context lasts for the call only
SELECT quote_nullable(current_setting('app.tenant_id', true)) AS tenant_after_the_call;
-- subscribe applies the context too (a bad context is a request error)
SELECT fraiseql.subscribe('subscription { taskChanged { title } }', NULL, NULL, '{"tenant_id": "B"}') ? 'channels' AS subscribed;
SELECT fraiseql.subscribe('subscription { taskChanged { title } }', NULL, NULL, '["B"]');
RESET ROLE;
ROLLBACK;

-- notify_trigger: the payload on the channel, at commit only. A second
-- session LISTENs (dblink), this one writes.
\set QUIET on
\o /dev/null
CREATE EXTENSION dblink;
CREATE TABLE public.subx_item (id int PRIMARY KEY, tenant_id text, title text);
CREATE TRIGGER subx_item_changed AFTER INSERT OR UPDATE OR DELETE ON public.subx_item
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('item_changed', 'id', 'tenant_id');
CREATE TABLE public.subx_plain (id uuid PRIMARY KEY);
CREATE TRIGGER subx_plain_changed AFTER INSERT ON public.subx_plain
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('plain_changed');
SELECT dblink_connect('listener', format('dbname=%s user=%s port=%s host=%s', current_database(), current_user,
    current_setting('port'), split_part(current_setting('unix_socket_directories'), ',', 1)));
SELECT dblink_exec('listener', 'LISTEN item_changed');
SELECT dblink_exec('listener', 'LISTEN plain_changed');
\o
\set QUIET off
-- committed writes are announced, in commit order
INSERT INTO public.subx_item VALUES (1, 'A', 'one'), (2, NULL, 'two "quoted"');
UPDATE public.subx_item SET title = 'uno' WHERE id = 1;
-- a rolled-back write is never announced
BEGIN;
INSERT INTO public.subx_item VALUES (3, 'A', 'three');
UPDATE public.subx_item SET title = 'dos' WHERE id = 2;
ROLLBACK;
DELETE FROM public.subx_item WHERE id = 2;
-- the id column defaults to "id", and no tenant column means no "tenant"
INSERT INTO public.subx_plain VALUES ('e0000000-0000-0000-0000-000000000009');
-- the listener's next round trip brings what was delivered to it
SELECT x FROM dblink('listener', 'SELECT 1') AS t(x int);
SELECT notify_name, extra FROM dblink_get_notify('listener');
-- the trigger's mistakes are clean SQL errors
CREATE TRIGGER subx_bad AFTER INSERT ON public.subx_plain
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('plain_changed', 'no_such_column');
INSERT INTO public.subx_plain VALUES ('e0000000-0000-0000-0000-00000000000a');
DROP TRIGGER subx_bad ON public.subx_plain;
CREATE TRIGGER subx_bad BEFORE INSERT ON public.subx_plain
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('plain_changed');
INSERT INTO public.subx_plain VALUES ('e0000000-0000-0000-0000-00000000000a');
DROP TRIGGER subx_bad ON public.subx_plain;
CREATE TRIGGER subx_bad AFTER INSERT ON public.subx_plain
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('');
INSERT INTO public.subx_plain VALUES ('e0000000-0000-0000-0000-00000000000a');
DROP TRIGGER subx_bad ON public.subx_plain;
SELECT fraiseql.notify_trigger();
\set QUIET on
\o /dev/null
SELECT dblink_disconnect('listener');
DROP TABLE public.subx_item, public.subx_plain;
DROP EXTENSION dblink;
\o
