// subscribers.mjs WS_URL: the benchmark's subscribers (npm graphql-ws over ws),
// driven by bench.py over stdin, one command a line; answers one JSON line each.
//   open distinct|identical N SOCKETS  N subscriptions spread over SOCKETS sockets
//   count                              deliveries so far
//   report                             latencies since the last report, then reset
//   close                              disposes every client
// Each event's task title is the writer's wall-clock time (ms) just before the
// commit was sent; latency = receipt time - that.
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.argv[2];
const TENANT = '00000000-0000-4000-8000-00000000000a';
const P1 = '00000000-0000-4000-8000-0000000000f1';
let clients = [];
let latencies = new Float64Array(1 << 22);
let count = 0;
let errors = 0;
let perSubscriber = [];
const now = () => performance.timeOrigin + performance.now();

function open(kind, n, socketCount) {
  clients = Array.from({ length: socketCount }, () => createClient({
    url, webSocketImpl: WebSocket, connectionParams: { tenant: TENANT }, retryAttempts: 0, lazy: false,
  }));
  perSubscriber = new Array(n).fill(0);
  for (let i = 0; i < n; i++) {
    const alias = kind === 'distinct' ? 's' + i : 'task';
    const query = 'subscription { ' + alias + ': taskChanged(projectId: "' + P1 + '") { id title } }';
    clients[i % socketCount].subscribe({ query }, {
      next: (result) => {
        const at = now();
        const task = result.data && result.data[alias];
        if (!task) {
          errors++;
          return;
        }
        if (count < latencies.length) latencies[count] = at - Number(task.title);
        count++;
        perSubscriber[i]++;
      },
      error: () => { errors++; },
      complete: () => {},
    });
  }
}

function report() {
  const sample = latencies.slice(0, Math.min(count, latencies.length)).sort();
  const q = (p) => (sample.length ? sample[Math.min(sample.length - 1, Math.floor(p * sample.length))] : null);
  const result = {
    deliveries: count, errors, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sample.length ? sample[sample.length - 1] : null,
    per_subscriber_min: Math.min(...perSubscriber), per_subscriber_max: Math.max(...perSubscriber),
  };
  count = 0;
  errors = 0;
  perSubscriber.fill(0);
  return result;
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, ...args] = line.trim().split(/\s+/);
  if (command === 'open') {
    open(args[0], Number(args[1]), Number(args[2]));
    console.log(JSON.stringify({ opened: Number(args[1]) }));
  } else if (command === 'count') {
    console.log(JSON.stringify({ count }));
  } else if (command === 'report') {
    console.log(JSON.stringify(report()));
  } else if (command === 'close') {
    await Promise.all(clients.map((client) => client.dispose()));
    clients = [];
    console.log(JSON.stringify({ closed: true }));
  }
}
process.exit(0);
