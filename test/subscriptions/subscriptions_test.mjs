// subscriptions_test.mjs BASE_URL: the reference clients (graphql-ws over ws,
// graphql-sse in distinct connections mode) against test/subscriptions/server.py,
// writing through fraiseql.execute with pg as the app's role (PG* variables).
// Prints "node-subscriptions: N passed, M failed". Needs the server started
// with QUEUE_SIZE=16 and INIT_TIMEOUT=1 (the slow consumer and timeout checks).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import pg from 'pg';

const base = process.argv[2];
const url = base + '/graphql';
const wsUrl = url.replace(/^http/, 'ws');
const CYCLES = Number(process.env.CYCLES || 10000);
let passed = 0;
let failed = 0;

function check(ok, what, detail) {
  if (ok) {
    passed++;
    console.log('ok - ' + what);
  } else {
    failed++;
    console.log('not ok - ' + what + (detail === undefined ? '' : ': ' + String(typeof detail === 'string' ? detail : JSON.stringify(detail)).slice(0, 600)));
  }
}

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const TA1 = '00000000-0000-4000-8000-0000000000a1';
const TA2 = '00000000-0000-4000-8000-0000000000a2';
const TB1 = '00000000-0000-4000-8000-0000000000b1';
const P1 = '00000000-0000-4000-8000-0000000000f1';

// --- streams of what a subscription receives, read in order
class Stream {
  constructor() {
    this.items = [];
    this.waiters = [];
  }
  push(item) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }
  next(ms = 10000) {
    if (this.items.length) return Promise.resolve(this.items.shift());
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(done), 1);
        resolve({ timeout: true });
      }, ms);
      const done = (item) => {
        clearTimeout(timer);
        resolve(item);
      };
      this.waiters.push(done);
    });
  }
}

const sockets = [];
class TrackedWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    sockets.push(this);
  }
}

function wsClient(tenant, options = {}) {
  return createWsClient({
    url: wsUrl, webSocketImpl: TrackedWebSocket, connectionParams: tenant ? { tenant } : {},
    retryAttempts: 0, ...options,
  });
}

function sink(stream) {
  return {
    next: (value) => stream.push({ next: value }),
    error: (error) => stream.push({ error }),
    complete: () => stream.push({ complete: true }),
  };
}

function subscribeWs(client, query, variables) {
  const stream = new Stream();
  stream.dispose = client.subscribe({ query, variables }, sink(stream));
  return stream;
}

const sseClients = [];
function subscribeSse(tenant, query, variables) {
  const client = createSseClient({ url, headers: tenant ? { 'x-tenant-id': tenant } : {}, retryAttempts: 0 });
  sseClients.push(client);
  const stream = new Stream();
  stream.dispose = client.subscribe({ query, variables }, sink(stream));
  return stream;
}

async function stats() {
  const response = await fetch(base + '/stats');
  return response.json();
}

// Awaits a condition on the server's subscription state (10 s at most).
async function waitStats(predicate, what) {
  const deadline = Date.now() + 10000;
  let last;
  while (Date.now() < deadline) {
    last = await stats();
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  check(false, 'server state: ' + what, last);
  return last;
}

const writer = new pg.Client();
const UPDATE = 'mutation ($input: UpdateTaskInput!) { updateTask(input: $input) { __typename ... on UpdateTaskError { status } } }';

async function execute(query, variables, tenant, client = writer) {
  const result = await client.query("SELECT convert_from(fraiseql.execute($1, $2, NULL, $3), 'UTF8') AS body",
    [query, variables ? JSON.stringify(variables) : null, JSON.stringify({ tenant_id: tenant })]);
  return result.rows[0].body;
}

async function update(tenant, id, title, extra = {}) {
  const body = await execute(UPDATE, { input: { id, title, ...extra } }, tenant);
  if (!body.includes('UpdateTaskSuccess')) throw new Error('update failed: ' + body);
}

function title(item) {
  if (!item.next) return JSON.stringify(item);
  const task = Object.values(item.next.data || {})[0];
  return task ? task.title : JSON.stringify(item.next);
}

async function titles(stream, count) {
  const seen = [];
  for (let i = 0; i < count; i++) seen.push(title(await stream.next()));
  return seen;
}

function pair(item) {
  if (!item.next) return JSON.stringify(item);
  const task = Object.values(item.next.data || {})[0];
  return task ? task.id.slice(-2) + ':' + task.title : JSON.stringify(item.next);
}

// The event evaluates the row when it arrives, so a check of its content
// waits for delivery before the next write; the burst at the end checks the
// order of many commits in flight at once (by row id).
async function fanOut() {
  const Q = 'subscription { taskChanged { id title } }';
  const QP = 'subscription ($p: UUID) { taskChanged(projectId: $p) { id title } }';
  const clientA = wsClient(A);
  const clientB = wsClient(B);
  const subs = {
    'ws A': subscribeWs(clientA, Q, {}),
    'ws A projectId=P1': subscribeWs(clientA, QP, { p: P1 }),
    'ws B': subscribeWs(clientB, Q, {}),
    'sse A': subscribeSse(A, Q, {}),
    'sse A projectId=P1': subscribeSse(A, QP, { p: P1 }),
    'sse B': subscribeSse(B, Q, {}),
  };
  const seen = Object.fromEntries(Object.keys(subs).map((name) => [name, []]));
  const read = async (names) => {
    for (const name of names) seen[name].push(pair(await subs[name].next()));
  };
  const all = (who) => ['ws', 'sse'].map((transport) => transport + ' ' + who);
  await waitStats((s) => s.subscribers === 6 && (s.database_listening || []).includes('task_changed'),
    'six subscribers, LISTEN task_changed');
  await update(A, TA1, 'a-1');
  const first = await subs['ws A'].next();
  check(JSON.stringify(first.next) === JSON.stringify({ data: { taskChanged: { id: TA1, title: 'a-1' } } }),
    'graphql-ws: a committed mutation reaches the subscriber, shaped by its selection', first);
  const sseFirst = await subs['sse A'].next();
  check(JSON.stringify(sseFirst.next) === JSON.stringify(first.next), 'graphql-sse: the same event, the same bytes', sseFirst);
  seen['ws A'].push(pair(first));
  seen['sse A'].push(pair(sseFirst));
  await read(all('A projectId=P1'));
  await update(A, TA2, 'a-2');
  await read(all('A'));
  await writer.query('BEGIN');
  await update(A, TA1, 'rolled-back');
  await writer.query('ROLLBACK');
  await update(A, TA2, 'a-3');
  await read(all('A'));
  await update(B, TB1, 'b-1');
  await read(all('B'));
  await update(A, TA1, 'a-4');
  await read([...all('A'), ...all('A projectId=P1')]);
  await update(B, TB1, 'b-2');
  await read(all('B'));
  const expect = {
    A: ['a1:a-1', 'a2:a-2', 'a2:a-3', 'a1:a-4'], 'A projectId=P1': ['a1:a-1', 'a1:a-4'], B: ['b1:b-1', 'b1:b-2'],
  };
  const what = {
    A: 'tenant A gets its commits in commit order: not the rolled-back one, none of tenant B\'s',
    'A projectId=P1': 'projectId: P1 holds back the P2 task\'s events (and the rolled-back one)',
    B: 'tenant B gets only its own events (RLS under the connection\'s context)',
  };
  for (const transport of ['ws', 'sse']) {
    for (const who of Object.keys(expect)) {
      const got = seen[transport + ' ' + who];
      check(JSON.stringify(got) === JSON.stringify(expect[who]), transport + ': ' + what[who], got);
    }
  }
  // A burst: 20 commits, none waiting for delivery, reach everyone in commit order.
  const order = [];
  for (let i = 0; i < 20; i++) order.push(i % 3 === 2 ? TB1 : i % 3 === 1 ? TA2 : TA1);
  for (const [i, id] of order.entries()) await update(id === TB1 ? B : A, id, 'burst-' + i);
  for (const transport of ['ws', 'sse']) {
    for (const [who, keep] of [['A', (id) => id !== TB1], ['A projectId=P1', (id) => id === TA1], ['B', (id) => id === TB1]]) {
      const wanted = order.filter(keep).map((id) => id.slice(-2));
      const got = [];
      for (let i = 0; i < wanted.length; i++) got.push(pair(await subs[transport + ' ' + who].next()).split(':')[0]);
      check(JSON.stringify(got) === JSON.stringify(wanted), transport + ' ' + who + ': 20 commits in a burst arrive in commit order', got);
    }
  }
  for (const stream of Object.values(subs)) stream.dispose();
  await waitStats((s) => s.subscribers === 0 && s.channels.length === 0, 'everyone left, UNLISTEN');
  await clientA.dispose();
  await clientB.dispose();
}

async function shapes() {
  const SHAPE = 'subscription Shape($skip: Boolean!) { changed: taskChanged { ...Parts title @skip(if: $skip) label: title } } '
    + 'fragment Parts on Task { id done }';
  const QUERY = SHAPE.replace('subscription', 'query').replace('taskChanged', 'task(id: "' + TA1 + '")');
  const client = wsClient(A);
  const skipped = subscribeWs(client, SHAPE, { skip: true });
  const kept = subscribeSse(A, SHAPE, { skip: false });
  await waitStats((s) => s.subscribers === 2 && s.channels.length === 1, 'two shape subscribers');
  await update(A, TA1, 'shaped');
  for (const [label, stream, skip] of [['graphql-ws, @skip(if: true)', skipped, true], ['graphql-sse, @skip(if: false)', kept, false]]) {
    const item = await stream.next();
    const expected = await execute(QUERY, { skip }, A);
    check(JSON.stringify(item.next) === JSON.stringify(JSON.parse(expected)),
      label + ': alias, fragment and @skip shape the event as they shape the same query', { got: item, expected });
  }
  skipped.dispose();
  kept.dispose();
  await client.dispose();
}

async function refusals() {
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: 'subscription { taskChanged { id } }' }),
  });
  const body = await response.text();
  let parsed = null;
  try { parsed = JSON.parse(body); } catch { /* checked below */ }
  check(parsed && Array.isArray(parsed.errors) && parsed.errors.length > 0 && !('data' in parsed && parsed.data),
    'a subscription over POST JSON gets an error from fraiseql.serve (' + response.status + ')', body);
  const client = wsClient(A);
  const bad = subscribeWs(client, 'subscription { nope }', {});
  const item = await bad.next();
  check(Array.isArray(item.error) && item.error.length > 0 && typeof item.error[0].message === 'string',
    'graphql-ws: an invalid subscription gets an error message', item);
  const sse = subscribeSse(A, 'subscription { nope }', {});
  const first = await sse.next();
  const second = await sse.next();
  check(first.next && Array.isArray(first.next.errors) && second.complete === true,
    'graphql-sse: an invalid subscription gets a next with errors, then complete', [first, second]);
  await client.dispose();
  const s = await stats();
  check(s.subscribers === 0, 'refused subscriptions hold nothing', s);
}

// --- the protocol's close codes, over a bare ws socket
function raw(protocol = 'graphql-transport-ws') {
  const socket = protocol ? new WebSocket(wsUrl, protocol) : new WebSocket(wsUrl);
  const messages = new Stream();
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const open = new Promise((resolve, reject) => { socket.on('open', resolve); socket.on('error', reject); });
  const send = async (message) => { await open; socket.send(typeof message === 'string' ? message : JSON.stringify(message)); };
  return { socket, messages, closed, open, send };
}

async function protocol() {
  const SUB = { query: 'subscription { taskChanged { id } }' };
  let c = raw(null);
  check((await c.closed).code === 4406, 'no graphql-transport-ws subprotocol: 4406');
  c = raw();
  await c.send({ id: '1', type: 'subscribe', payload: SUB });
  check((await c.closed).code === 4401, 'subscribe before connection_init: 4401 Unauthorized');
  c = raw();
  await c.send({ type: 'ping', payload: { n: 1 } });
  let message = await c.messages.next();
  check(message.type === 'pong' && message.payload.n === 1, 'ping before init: pong with the payload', message);
  await c.send({ type: 'connection_init', payload: { tenant: A } });
  message = await c.messages.next();
  check(message.type === 'connection_ack', 'connection_init: connection_ack', message);
  await c.send({ type: 'connection_init' });
  check((await c.closed).code === 4429, 'a second connection_init: 4429');
  c = raw();
  await c.send({ type: 'connection_init', payload: { tenant: A } });
  await c.messages.next();
  await c.send({ id: 'same', type: 'subscribe', payload: SUB });
  await c.send({ id: 'same', type: 'subscribe', payload: SUB });
  const duplicate = await c.closed;
  check(duplicate.code === 4409 && duplicate.reason === 'Subscriber for same already exists', 'a duplicate id: 4409', duplicate);
  c = raw();
  await c.send('{not json');
  check((await c.closed).code === 4400, 'a message that is not JSON: 4400');
  c = raw();
  await c.send({ type: 'connection_init' });
  await c.messages.next();
  await c.send({ id: 'x', type: 'subscribe', payload: { query: 42 } });
  check((await c.closed).code === 4400, 'a subscribe without a query string: 4400');
  c = raw();
  await c.send({ type: 'connection_init', payload: { tenant: 'forbidden' } });
  const forbidden = await c.closed;
  check(forbidden.code === 4403 && forbidden.reason === 'Forbidden', 'the context hook refuses (PermissionError): 4403', forbidden);
  c = raw();
  await c.open;
  const started = Date.now();
  const timeout = await c.closed;
  check(timeout.code === 4408 && Date.now() - started < 5000, 'no connection_init in time: 4408', timeout);
  // complete frees the id: subscribe, complete, subscribe again under the same id.
  c = raw();
  await c.send({ type: 'connection_init', payload: { tenant: A } });
  await c.messages.next();
  await c.send({ id: 'again', type: 'subscribe', payload: SUB });
  await c.send({ id: 'again', type: 'complete' });
  await c.send({ id: 'again', type: 'subscribe', payload: { query: 'subscription { taskChanged { title } }' } });
  await waitStats((s) => s.subscribers === 1, 'the id reused after complete');
  await update(A, TA1, 'reused');
  message = await c.messages.next();
  check(message.type === 'next' && message.id === 'again' && message.payload.data.taskChanged.title === 'reused',
    'complete frees the id for a new subscription', message);
  c.socket.close(1000);
  await c.closed;
  await waitStats((s) => s.subscribers === 0, 'a closed socket leaves no subscriber');
}

async function shared() {
  const Q = 'subscription { taskChanged { id title } }';
  const clients = [wsClient(A), wsClient(A), wsClient(A)];
  const same = clients.map((client) => subscribeWs(client, Q, {}));
  const other = subscribeWs(clients[0], Q, { unused: null });
  const sse = subscribeSse(A, Q, {});
  await waitStats((s) => s.subscribers === 5 && s.channels.length === 1, 'five subscribers');
  const before = await stats();
  check(before.groups === 2, 'four identical subscriptions (3 ws, 1 sse) form one group; other variables another', before);
  await update(A, TA1, 'shared');
  const got = await Promise.all([...same, other, sse].map((stream) => stream.next()));
  check(got.every((item) => title(item) === 'shared'), 'each of them receives the event', got);
  const after = await stats();
  check(after.event_calls - (before.event_calls || 0) === 2 && after.event_statements - (before.event_statements || 0) === 1,
    'one event: 2 subscription_event calls (one per group) in 1 statement', [before, after]);
  for (const stream of [...same, other, sse]) stream.dispose();
  await Promise.all(clients.map((client) => client.dispose()));
  await waitStats((s) => s.subscribers === 0, 'shared subscribers gone');
}

async function slowConsumer() {
  const Q = 'subscription { taskChanged(projectId: "' + P1 + '") { title note } }';
  const first = sockets.length;
  const client = wsClient(A);
  const stream = subscribeWs(client, Q, {});
  await waitStats((s) => s.subscribers === 1 && s.channels.length === 1, 'the slow subscriber');
  const socket = sockets[first];
  socket.pause(); // stops reading: the kernel buffers fill, then the server's queue
  // Random: permessage-deflate would shrink a repeated character to nothing.
  const note = randomBytes(192 * 1024).toString('base64');
  const lagged = (await stats()).lagged || 0;
  // Each write waits until the server has queued its event (or ended the
  // subscriber): the event reads the row when it is evaluated.
  const written = async (prefix, n, laggedBefore) => {
    const delivered = (await stats()).delivered || 0;
    await update(A, TA1, prefix + n, { note });
    const s = await waitStats((st) => (st.delivered || 0) > delivered || (st.lagged || 0) > laggedBefore,
      'the event of ' + prefix + n + ' queued');
    return (s.lagged || 0) > laggedBefore;
  };
  let writes = 0;
  for (; writes < 400; writes++) {
    if (await written('slow-', writes, lagged)) break;
  }
  check(writes < 400, 'a subscriber that does not read is ended (after ' + (writes + 1) + ' events of 256 KiB; queue 16)');
  socket.resume();
  let expected = 0;
  let item;
  for (;;) {
    item = await stream.next();
    if (!item.next || title(item) !== 'slow-' + expected) break;
    expected++;
  }
  check(Array.isArray(item.error) && item.error[0].extensions && item.error[0].extensions.code === 'SUBSCRIPTION_LAGGED'
    && /fell behind/.test(item.error[0].message),
    'graphql-ws: it reads ' + expected + ' events in order with no gap, then an error SUBSCRIPTION_LAGGED', item);
  await client.dispose();

  // SSE: a reader that stops reading the response.
  const lagged2 = (await stats()).lagged || 0;
  const request = http.request(url, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-tenant-id': A },
  });
  request.end(JSON.stringify({ query: Q }));
  const response = await new Promise((resolve) => request.on('response', resolve));
  response.pause();
  await waitStats((s) => s.subscribers === 1, 'the slow SSE subscriber');
  for (writes = 0; writes < 400; writes++) {
    if (await written('sse-slow-', writes, lagged2)) break;
  }
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk) => { text += chunk; });
  const ended = new Promise((resolve) => response.on('end', resolve));
  response.resume();
  await ended;
  const events = text.split('\n\n').filter((e) => e.startsWith('event:'));
  const nexts = events.filter((e) => e.startsWith('event: next')).map((e) => JSON.parse(e.slice(e.indexOf('data: ') + 6)));
  const inOrder = nexts.slice(0, -1).every((n, i) => n.data.taskChanged.title === 'sse-slow-' + i);
  const last = nexts[nexts.length - 1];
  check(writes < 400 && inOrder && last && last.errors && last.errors[0].extensions.code === 'SUBSCRIPTION_LAGGED'
    && events[events.length - 1].startsWith('event: complete'),
    'graphql-sse: a reader that stops reading gets ' + (nexts.length - 1) + ' events in order, then an error event and complete',
    events.slice(-2).map((e) => e.slice(0, 200)));
  await waitStats((s) => s.subscribers === 0, 'slow subscribers gone');
}

async function restart() {
  const Q = 'subscription { taskChanged(projectId: "' + P1 + '") { title } }';
  const closes = [];
  const client = wsClient(A, { retryAttempts: 5, retryWait: () => new Promise((r) => setTimeout(r, 50)),
    on: { closed: (event) => closes.push(event.code) } });
  const stream = subscribeWs(client, Q, {});
  const sse = subscribeSse(A, Q, {});
  const before = await waitStats((s) => s.subscribers === 2 && s.channels.length === 1, 'two subscribers before the restart');
  await writer.query('SELECT pg_terminate_backend($1)', [before.listener_pid]);
  const sseItem = await sse.next();
  const sseEnd = await sse.next();
  check(sseItem.next && sseItem.next.errors && sseItem.next.errors[0].extensions.code === 'SUBSCRIPTION_RESTART'
    && sseEnd.complete, 'graphql-sse: the listener connection lost: an error event SUBSCRIPTION_RESTART, then complete',
    [sseItem, sseEnd]);
  const after = await waitStats((s) => s.subscribers === 1 && s.listener_pid && s.listener_pid !== before.listener_pid
    && s.channels.length === 1, 'graphql-ws resubscribed on a new listener connection');
  check(closes[0] === 1012, 'graphql-ws: the socket closes with 1012 (service restart) and the client resubscribes', closes);
  await update(A, TA1, 'after-restart');
  const item = await stream.next();
  check(title(item) === 'after-restart', 'the resubscribed client gets the next commit', item);
  stream.dispose();
  await client.dispose();
  return after;
}

function rssAnon(pid) {
  try {
    const match = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function vmRss(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'));
  return Number(match[1]);
}

// Subscribe/complete cycles over bare sockets (graphql-ws's client sends
// nothing for a subscription disposed before it is sent): `parallel` sockets
// interleave subscribe and complete freely (some completes land while
// fraiseql.subscribe runs, some after LISTEN); then `listens` cycles one at a
// time, each waiting until the server listens and then until it has stopped.
async function cycles(count, parallel, listens) {
  const SUB = (i) => ({ query: 'subscription ($p: UUID) { taskChanged(projectId: $p) { id title } }',
    variables: { p: i % 2 ? P1 : null } });
  await Promise.all(Array.from({ length: parallel }, async (_, n) => {
    const c = raw();
    await c.send({ type: 'connection_init', payload: { tenant: A } });
    await c.messages.next();
    for (let i = n; i < count; i += parallel) {
      c.socket.send(JSON.stringify({ id: 's' + i, type: 'subscribe', payload: SUB(i) }));
      if (i % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      c.socket.send(JSON.stringify({ id: 's' + i, type: 'complete' }));
    }
    await c.send({ type: 'ping' });
    await c.messages.next(); // pong: every message before it was read
    c.socket.close(1000);
    await c.closed;
  }));
  const c = raw();
  await c.send({ type: 'connection_init', payload: { tenant: B } });
  await c.messages.next();
  for (let i = 0; i < listens; i++) {
    await c.send({ id: 'l' + i, type: 'subscribe', payload: SUB(i) });
    await waitStats((s) => s.subscribers === 1 && s.channels.length === 1, 'listening for cycle ' + i);
    await c.send({ id: 'l' + i, type: 'complete' });
    await waitStats((s) => s.subscribers === 0 && s.channels.length === 0, 'unlistened after cycle ' + i);
  }
  c.socket.close(1000);
  await c.closed;
  return waitStats((s) => s.subscribers === 0 && s.groups === 0 && s.channels.length === 0
    && (s.database_listening || []).length === 0, 'all cycles over');
}

async function leaks() {
  await cycles(1000, 10, 50); // warm-up: plan caches, pools, allocator arenas
  const before = await stats();
  const pids = [before.listener_pid, ...before.pool_pids].filter((pid, i, all) => pid && all.indexOf(pid) === i);
  const backendsBefore = Object.fromEntries(pids.map((pid) => [pid, rssAnon(pid)]));
  const serverBefore = vmRss(before.server_pid);
  const started = Date.now();
  const after = await cycles(CYCLES - 500, 10, 500);
  const seconds = (Date.now() - started) / 1000;
  check(after.database_listening && after.database_listening.length === 0 && after.channels.length === 0
    && after.listen - before.listen >= 500 && after.unlisten - before.unlisten >= 500,
    CYCLES + ' subscribe/complete cycles (' + seconds.toFixed(1) + ' s, ' + ((after.subscribed || 0) - (before.subscribed || 0))
    + ' reached LISTEN, ' + ((after.listen || 0) - (before.listen || 0))
    + ' LISTEN, ' + ((after.unlisten || 0) - (before.unlisten || 0)) + ' UNLISTEN): pg_listening_channels() on the listener is empty', after);
  check(after.listener_pid === before.listener_pid && after.pool_pids.length <= before.pool_pids.length,
    'the same listener backend, no extra backends (' + after.pool_pids.length + ' of the app role)', [before, after]);
  const growth = pids.map((pid) => (rssAnon(pid) ?? 0) - (backendsBefore[pid] ?? 0));
  // 1 MiB: the backends' caches are warm after the first 1,000 cycles; a leak of
  // 100 bytes per cycle in any of them would pass it.
  check(growth.every((kb) => kb < 1024), 'no backend RssAnon growth over ' + CYCLES + ' cycles (kB: ' + growth.join(', ') + '; < 1024)');
  const serverGrowth = vmRss(after.server_pid) - serverBefore;
  // 8 MiB: Python keeps freed arenas and uvicorn its buffers; a leak of 1 KiB per
  // cycle (a subscriber, its queue, its task) would be 10 MiB.
  check(serverGrowth < 8192, 'no server memory growth over ' + CYCLES + ' cycles (VmRSS +' + serverGrowth + ' kB; < 8192)');
}

async function main() {
  await writer.connect();
  for (const [name, step] of [['fan-out', fanOut], ['shapes', shapes], ['refusals', refusals], ['protocol', protocol],
    ['shared', shared], ['slow consumer', slowConsumer], ['restart', restart], ['leaks', leaks]]) {
    if (process.env.STEPS && !process.env.STEPS.split(',').includes(name)) continue;
    console.log('--- ' + name);
    try {
      await step();
    } catch (error) {
      check(false, name + ' threw', error && error.stack);
    }
  }
  await writer.end();
  console.log('node-subscriptions: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
}

main();
