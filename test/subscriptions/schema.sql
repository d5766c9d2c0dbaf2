-- The subscriptions suite's schema: tasks of two tenants under row-level
-- security on app.tenant_id, a mutation function, the notify trigger.
-- (test/integration/test_subscriptions.py loads it as the superuser; the app
-- runs as subs_app, which owns nothing and so is held by the policy.)
CREATE SCHEMA subs;
CREATE TABLE subs.tb_task (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL,
    project_id uuid NOT NULL,
    title text NOT NULL,
    note text NOT NULL DEFAULT '',
    done boolean NOT NULL DEFAULT false
);
ALTER TABLE subs.tb_task ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON subs.tb_task
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE VIEW subs.v_task WITH (security_invoker = true) AS
SELECT id, tenant_id, project_id,
       jsonb_build_object('id', id, 'project_id', project_id, 'title', title, 'note', note, 'done', done) AS data
FROM subs.tb_task;
CREATE TRIGGER task_changed AFTER INSERT OR UPDATE OR DELETE ON subs.tb_task
    FOR EACH ROW EXECUTE FUNCTION fraiseql.notify_trigger('task_changed', 'id', 'tenant_id');

CREATE FUNCTION subs.fn_update_task(input jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    task_id uuid := (input->>'id')::uuid;
BEGIN
    UPDATE subs.tb_task SET title = input->>'title', note = coalesce(input->>'note', note),
                            done = coalesce((input->>'done')::boolean, done)
    WHERE id = task_id;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('status', 'not_found:task', 'message', 'no such task');
    END IF;
    RETURN jsonb_build_object('status', 'updated', 'message', 'task updated', 'entity_id', task_id,
                              'entity', (SELECT data FROM subs.v_task WHERE id = task_id));
END $$;

CREATE ROLE subs_app LOGIN;
GRANT USAGE ON SCHEMA subs TO subs_app;
GRANT SELECT, UPDATE ON subs.tb_task TO subs_app;
GRANT SELECT ON subs.v_task TO subs_app;
GRANT EXECUTE ON FUNCTION subs.fn_update_task(jsonb) TO subs_app;

-- Tenant A (…a): tasks in projects P1 and P2; tenant B (…b): one task in P3.
INSERT INTO subs.tb_task (id, tenant_id, project_id, title) VALUES
    ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-00000000000a',
     '00000000-0000-4000-8000-0000000000f1', 'a1'),
    ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-00000000000a',
     '00000000-0000-4000-8000-0000000000f2', 'a2'),
    ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-00000000000b',
     '00000000-0000-4000-8000-0000000000f3', 'b1');
