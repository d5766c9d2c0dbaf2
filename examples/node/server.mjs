// server.mjs: fraiseql over HTTP with node:http and a pg pool.
//   DATABASE_URL=postgresql://app@localhost/app node server.mjs --port 8001
//   (without DATABASE_URL the PG* variables apply)
// POST/GET /graphql per the GraphQL-over-HTTP spec (rules in graphql_http.mjs),
// GET /health for readiness.
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';

import { STATEMENTS, errorBody, handle } from './graphql_http.mjs';

const { values: options } = parseArgs({
	options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8001' } },
});
const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_BYTES = 16 * MAX_BODY_BYTES;

// bytea arrives as a Buffer: the response bytes, sent as they are.
// With pgbouncer in transaction mode this works unchanged (pg uses unnamed statements).
const pool = new pg.Pool({
	connectionString: process.env.DATABASE_URL,
	max: Number(process.env.POOL_SIZE ?? 10),
});

// Results in the binary format: a bytea then arrives as its bytes (pg hands
// them over as a UTF-8 string: fraiseql's responses are UTF-8 JSON) instead of
// as hex text, twice as long, to decode. text stays a string either way.
const BINARY_RESULTS = {
	getTypeParser: (oid, format) =>
		format === 'binary' && oid === BYTEA_OID ? (value) => Buffer.from(value, 'utf8') : pg.types.getTypeParser(oid, format),
};
const BYTEA_OID = 17;

async function run(statement, args) {
	const result = await pool.query({ text: STATEMENTS[statement], values: args, binary: true, types: BINARY_RESULTS });
	return result.rows.length ? result.rows[0].body : null;
}

// The body, up to MAX_BODY_BYTES; beyond that the rest is read and dropped (up
// to DRAIN_BYTES, so the client gets to read the 413), then 413.
function readBody(request) {
	return new Promise((resolve, reject) => {
		const tooLarge = () => Object.assign(new Error('Request body too large'), { status: 413 });
		const chunks = [];
		let size = 0;
		request.on('data', (chunk) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			else if (size > DRAIN_BYTES) reject(tooLarge());
		});
		request.on('end', () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
		request.on('error', reject);
	});
}

function send(response, status, contentType, body, headers = {}) {
	response.writeHead(status, {
		...headers,
		...(contentType ? { 'Content-Type': `${contentType}; charset=utf-8` } : {}),
		'Content-Length': body.length,
	});
	response.end(body);
}

const server = http.createServer(async (request, response) => {
	const url = new URL(request.url, 'http://localhost');
	try {
		if (url.pathname === '/health') {
			await pool.query('SELECT 1');
			return send(response, 200, 'text/plain', Buffer.from('ok'));
		}
		if (url.pathname !== '/graphql') return send(response, 404, 'text/plain', Buffer.from('not found'));
		const body = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
		const result = await handle(
			{ method: request.method, headers: request.headers, queryParams: Object.fromEntries(url.searchParams), body },
			run,
		);
		send(response, result.status, result.contentType, result.body, result.headers);
	} catch (error) {
		console.error(error);
		if (!response.headersSent)
			send(response, error.status ?? 500, 'application/json', errorBody(error.status ? error.message : 'Internal server error'));
	}
});

server.listen(Number(options.port), options.host, () => console.log(`listening on http://${options.host}:${options.port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
