// server.mjs: fraiseql over HTTP with node:http and a pg pool.
//   DATABASE_URL=postgresql://app@localhost/app node server.mjs --port 8001
//   (without DATABASE_URL the PG* variables apply)
// POST/GET /graphql: method, URL query, Content-Type, Accept and body go to
// fraiseql.serve (the whole GraphQL-over-HTTP protocol, in the database); its
// status, Content-Type, Allow and body come back untouched. GET /health for readiness.
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: options } = parseArgs({
	options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '8001' } },
});
const MAX_BODY_BYTES = 1024 * 1024;
const DRAIN_BYTES = 16 * MAX_BODY_BYTES;
// status as text: pg decodes every binary result as a UTF-8 string (see BINARY_RESULTS).
const SERVE = 'SELECT status::text, content_type, body, allow FROM fraiseql.serve($1, $2, $3, $4, $5, $6::jsonb)';

// A demo of the request context: these headers become keys of fraiseql's
// `context`. A real deployment takes them from a verified token instead.
const CONTEXT_HEADERS = { 'x-tenant-id': 'tenant_id', 'x-user-id': 'user_id' };

// With pgbouncer in transaction mode this works unchanged (pg uses unnamed statements).
const pool = new pg.Pool({
	connectionString: process.env.DATABASE_URL,
	max: Number(process.env.POOL_SIZE ?? 10),
});

// Results in the binary format: a bytea then arrives as its bytes (pg hands
// them over as a UTF-8 string: fraiseql's responses are UTF-8 JSON) instead of
// as hex text, twice as long, to decode. A text's binary form is its UTF-8.
const BYTEA_OID = 17;
const BINARY_RESULTS = {
	getTypeParser: (oid, format) =>
		format !== 'binary' ? pg.types.getTypeParser(oid, format) : oid === BYTEA_OID ? (value) => Buffer.from(value, 'utf8') : (value) => value,
};

function requestContext(headers) {
	const context = {};
	for (const [header, key] of Object.entries(CONTEXT_HEADERS)) if (headers[header]) context[key] = headers[header];
	return Object.keys(context).length ? JSON.stringify(context) : null;
}

function errorBody(message, code) {
	return Buffer.from(JSON.stringify({ errors: [{ message, ...(code ? { extensions: { code } } : {}) }] }));
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
	response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': body.length });
	response.end(body);
}

const server = http.createServer(async (request, response) => {
	const url = new URL(request.url, 'http://localhost');
	try {
		if (url.pathname === '/health') {
			await pool.query('SELECT 1');
			return send(response, 200, 'text/plain; charset=utf-8', Buffer.from('ok'));
		}
		if (url.pathname !== '/graphql') return send(response, 404, 'text/plain; charset=utf-8', Buffer.from('not found'));
		const body = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
		const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
		const result = await pool.query({
			text: SERVE,
			values: [request.method, query, request.headers['content-type'] ?? null, request.headers.accept ?? null, body,
				requestContext(request.headers)],
			binary: true,
			types: BINARY_RESULTS,
		});
		const { status, content_type: contentType, body: responseBody, allow } = result.rows[0];
		send(response, Number(status), contentType, responseBody, allow ? { Allow: allow } : {});
	} catch (error) {
		if (!error.status) console.error(error);
		if (!response.headersSent)
			send(response, error.status ?? 500, 'application/json; charset=utf-8',
				errorBody(error.status ? error.message : 'Internal server error', error.status ? undefined : 'INTERNAL_SERVER_ERROR'));
	}
});

server.listen(Number(options.port), options.host, () => console.log(`listening on http://${options.host}:${options.port}/graphql`));
for (const signal of ['SIGINT', 'SIGTERM'])
	process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
