// load.mjs: one autocannon run, bounded in time, for run_http_bench.py.
//   node load.mjs '<json spec>'  -> prints one JSON line {rps, p50, p99, requests, non2xx, errors, timeouts, bytes}
// spec: {url, duration, connections, kind: "graphql" | "get", query, param (null | "id" | "since" | "input")}
// A request per draw of n in 1..10000 (as pgbench's random(1, 10000)): the
// user's UUID (bench.uid(n)) or created_at (data.sql), as a GraphQL variable
// in a POST body or as the hand-written app's query parameter; "input" is the
// mutation's {id, lastName: "Renamed"} (the UUID alone for the hand-written app).
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const uid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const since = (n) => new Date(Date.UTC(2026, 0, 1) + n * 17 * 60000).toISOString();
const value = (n) => (spec.param === 'since' ? since(n) : uid(n));
const variable = (n) => (spec.param === 'input' ? { id: uid(n), lastName: 'Renamed' } : value(n));
const draw = () => 1 + Math.floor(Math.random() * 10000);

const url = new URL(spec.url);
let request;
if (spec.kind === 'graphql') {
	const fixed = spec.param ? null : JSON.stringify({ query: spec.query });
	request = {
		method: 'POST',
		path: url.pathname,
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		setupRequest: (req) => ({
			...req,
			body: fixed ?? JSON.stringify({ query: spec.query, variables: { [spec.param]: variable(draw()) } }),
		}),
	};
} else {
	request = {
		method: 'GET',
		setupRequest: (req) => ({
			...req,
			path: spec.param ? `${url.pathname}?${spec.param}=${encodeURIComponent(value(draw()))}` : url.pathname,
		}),
	};
}

const result = await autocannon({
	url: url.origin,
	connections: spec.connections,
	duration: spec.duration,
	requests: [request],
});
console.log(
	JSON.stringify({
		rps: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		requests: result.requests.total,
		non2xx: result.non2xx,
		errors: result.errors,
		timeouts: result.timeouts,
		bytes: result.throughput.total,
	}),
);
