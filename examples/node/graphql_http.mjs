// graphql_http.mjs: GraphQL over HTTP in front of fraiseql, independent of the
// HTTP server and of the driver (the same rules as examples/python/graphql_http.py).
// The HTTP layer checks the request's shape, picks the response media type and
// the status code; fraiseql.execute does everything GraphQL and its bytes are
// sent untouched. handle() takes a plain request and run(statement, args),
// which runs one of STATEMENTS and returns the bytea as a Buffer.
import { createHash } from 'node:crypto';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';

// One round trip each, $n placeholders.
export const STATEMENTS = {
	execute: 'SELECT fraiseql.execute($1, $2::jsonb, $3, $4::jsonb) AS body',
	execute_persisted: 'SELECT fraiseql.execute_persisted($1, $2::jsonb, $3, $4::jsonb) AS body',
	// APQ registration, after the document ran without a request error (so only
	// documents that parse and validate are stored). Needs EXECUTE on persist.
	persist: 'SELECT fraiseql.persist($1) AS body',
	// A GET by hash alone: the text, to refuse a persisted mutation (once per hash).
	persisted_text: 'SELECT query AS body FROM fraiseql.persisted_query WHERE hash = $1',
};

// Request headers that become keys of fraiseql's `context`. A real deployment
// takes them from a verified token, never from headers a client sets itself.
export const CONTEXT_HEADERS = { 'x-tenant-id': 'tenant_id', 'x-user-id': 'user_id' };

// FRAISEQL_APQ_REGISTER=off: a hash sent with its query is not stored; the
// query runs as an ad-hoc document (fraiseql.persisted_only may refuse it).
const APQ_REGISTER = !['off', '0', 'false', 'no'].includes((process.env.FRAISEQL_APQ_REGISTER ?? 'on').toLowerCase());

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const persistedMutation = new Map(); // `${hash} ${operationName}` -> bool; a hash names one text forever
const PERSISTED_MUTATION_MAX = 10000;

class BadRequest extends Error {
	constructor(message, status = 400, headers = {}) {
		super(message);
		this.status = status;
		this.headers = headers;
	}
}

// The response media type for an Accept header (null: neither is acceptable).
// Each candidate takes the q of the most specific matching range;
// graphql-response+json wins when named, wildcards and no Accept give JSON.
export function negotiate(accept) {
	if (accept === undefined || accept === null || accept.trim() === '') return JSON_TYPE;
	const ranges = accept.split(',').map((part) => {
		const [media, ...params] = part.split(';');
		let q = 1;
		for (const param of params) {
			const [name, value = ''] = param.split('=');
			if (name.trim().toLowerCase() === 'q') {
				q = Number(value.trim());
				if (Number.isNaN(q)) q = 0;
			}
		}
		return { media: media.trim().toLowerCase(), q };
	});
	const quality = (candidate) => {
		let best = null;
		for (const { media, q } of ranges) {
			const specificity = media === candidate ? 2 : media === 'application/*' ? 1 : media === '*/*' ? 0 : -1;
			if (specificity >= 0 && (best === null || specificity > best.specificity)) best = { specificity, q };
		}
		return best;
	};
	let chosen = null;
	for (const [candidate, ifExact, ifWildcard] of [
		[GRAPHQL_RESPONSE_JSON, 1, 0],
		[JSON_TYPE, 0, 1],
	]) {
		const found = quality(candidate);
		if (!found || !(found.q > 0)) continue;
		const exact = found.specificity === 2;
		const key = [found.q, exact ? 1 : 0, exact ? ifExact : ifWildcard];
		if (!chosen || compareKeys(key, chosen.key) > 0) chosen = { key, candidate };
	}
	return chosen ? chosen.candidate : null;
}

function compareKeys(a, b) {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	return 0;
}

// Index after the string literal starting at text[i] (a quote).
function skipString(text, i) {
	if (text.startsWith('"""', i)) {
		i += 3;
		while (i < text.length) {
			if (text.startsWith('\\"""', i)) i += 4;
			else if (text.startsWith('"""', i)) return i + 3;
			else i++;
		}
		return i;
	}
	i++;
	while (i < text.length && !'"\n\r'.includes(text[i])) i += text[i] === '\\' ? 2 : 1;
	return i + 1;
}

const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;

// [kind, name] of each operation, read from the document's top level only
// (fraiseql does the real parse); strings and comments are skipped.
export function operationKinds(document) {
	const operations = [];
	let depth = 0;
	let pending = null;
	let wantName = false;
	let afterAt = false;
	let i = 0;
	while (i < document.length) {
		const c = document[i];
		if (c === '#') {
			while (i < document.length && document[i] !== '\n' && document[i] !== '\r') i++;
			continue;
		}
		if (c === '"') {
			i = skipString(document, i);
			continue;
		}
		if ('{(['.includes(c)) {
			if (depth === 0 && c === '{') {
				if (pending === null) operations.push(['query', null]);
				pending = null;
				wantName = false;
			}
			depth++;
		} else if ('})]'.includes(c)) {
			depth = Math.max(depth - 1, 0);
		} else if (c === '@') {
			afterAt = true;
			i++;
			continue;
		} else if (depth === 0) {
			NAME.lastIndex = i;
			const match = NAME.exec(document);
			if (match) {
				const word = match[0];
				if (afterAt) {
					// a directive's name
				} else if (wantName) {
					if (pending !== 'fragment') operations[operations.length - 1][1] = word;
					wantName = false;
				} else if (pending === null && ['query', 'mutation', 'subscription', 'fragment'].includes(word)) {
					pending = word;
					wantName = true;
					if (word !== 'fragment') operations.push([word, null]);
				}
				afterAt = false;
				i = NAME.lastIndex;
				continue;
			}
		}
		if (!' \t\n\r,\ufeff'.includes(c)) afterAt = false; // ignored tokens may sit between @ and the name
		i++;
	}
	return operations;
}

// Whether the request may run a mutation (conservative without a name).
export function mutationSelected(document, operationName) {
	const operations = operationKinds(document);
	if (operationName !== null && operationName !== undefined)
		return operations.some(([kind, name]) => kind === 'mutation' && name === operationName);
	return operations.some(([kind]) => kind === 'mutation');
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function objectParam(value, name) {
	if (value === undefined || value === null || isObject(value)) return value ?? null;
	throw new BadRequest(`The ${name} parameter must be an object or null`);
}

function parseJson(text, name) {
	try {
		return JSON.parse(text);
	} catch {
		throw new BadRequest(`The ${name} parameter is not valid JSON`);
	}
}

// The GraphQL request parameters of a GET (URL query) or POST (JSON body).
function readParams(request) {
	if (request.method === 'GET') {
		const params = { ...request.queryParams };
		for (const name of ['variables', 'extensions'])
			params[name] = params[name] ? parseJson(params[name], name) : null;
		return params;
	}
	const contentType = request.headers['content-type'];
	if (!contentType) throw new BadRequest('Missing Content-Type: send application/json', 415);
	const [media, ...rest] = contentType.split(';');
	if (media.trim().toLowerCase() !== JSON_TYPE)
		throw new BadRequest(`Unsupported Content-Type '${media.trim()}': send application/json`, 415);
	const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(rest.join(';'));
	if (charset && !['utf-8', 'utf8'].includes(charset[1].toLowerCase()))
		throw new BadRequest('Unsupported charset: send UTF-8', 415);
	if (!request.body || request.body.length === 0) throw new BadRequest('Missing request body');
	let params;
	try {
		params = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
	} catch {
		throw new BadRequest('The request body is not valid JSON');
	}
	if (!isObject(params)) throw new BadRequest('The request body must be a JSON object');
	return params;
}

function persistedHash(extensions) {
	if (!extensions || !('persistedQuery' in extensions)) return null;
	const persisted = extensions.persistedQuery;
	if (!isObject(persisted)) throw new BadRequest('extensions.persistedQuery must be an object');
	if (persisted.version !== 1) throw new BadRequest('Unsupported persisted query version: only 1 is known');
	const hash = persisted.sha256Hash;
	if (typeof hash !== 'string' || !SHA256_HEX.test(hash))
		throw new BadRequest('extensions.persistedQuery.sha256Hash must be 64 hex digits');
	return hash.toLowerCase();
}

function requestContext(headers) {
	const context = {};
	for (const [header, key] of Object.entries(CONTEXT_HEADERS)) if (headers[header]) context[key] = headers[header];
	return Object.keys(context).length ? JSON.stringify(context) : null;
}

const DATA_PREFIX = Buffer.from('{"data"');

// Whether a response has `data`, i.e. is no request error. Only error
// responses are read (fraiseql puts `errors` first).
function hasData(body) {
	if (body.subarray(0, DATA_PREFIX.length).equals(DATA_PREFIX)) return true;
	try {
		return 'data' in JSON.parse(body.toString('utf-8'));
	} catch {
		return false;
	}
}

// 200, except a request error (no `data` key) under graphql-response+json: 400.
function statusFor(body, mediaType) {
	if (mediaType !== GRAPHQL_RESPONSE_JSON) return 200;
	return hasData(body) ? 200 : 400;
}

export function errorBody(message, code) {
	const error = { message };
	if (code) error.extensions = { code };
	return Buffer.from(JSON.stringify({ errors: [error] }));
}

// request: { method, headers (lower-case names), queryParams, body (Buffer) }
// -> { status, body (Buffer), contentType, headers }
export async function handle(request, run) {
	const mediaType = negotiate(request.headers.accept);
	if (mediaType === null)
		return {
			status: 406,
			body: errorBody(`Not acceptable: ask for ${GRAPHQL_RESPONSE_JSON} or ${JSON_TYPE}`),
			contentType: JSON_TYPE,
			headers: {},
		};
	let query, operationName, variables, hash;
	try {
		if (!['GET', 'POST'].includes(request.method)) throw new BadRequest('Use GET or POST', 405, { Allow: 'GET, POST' });
		const params = readParams(request);
		query = params.query ?? null;
		operationName = params.operationName ?? null;
		variables = objectParam(params.variables, 'variables');
		const extensions = objectParam(params.extensions, 'extensions');
		if (query !== null && typeof query !== 'string') throw new BadRequest('The query parameter must be a string');
		if (operationName !== null && typeof operationName !== 'string')
			throw new BadRequest('The operationName parameter must be a string or null');
		hash = persistedHash(extensions);
		if (query === null && hash === null) throw new BadRequest('Missing query parameter');
		if (query !== null && query.includes('\0')) throw new BadRequest('The query contains a NUL character');
		if (hash !== null && query !== null && createHash('sha256').update(query, 'utf8').digest('hex') !== hash)
			throw new BadRequest('provided sha does not match query');
		if (request.method === 'GET' && query !== null && mutationSelected(query, operationName))
			throw new BadRequest('Mutations are not allowed over GET: use POST', 405, { Allow: 'POST' });
		if (request.method === 'GET' && query === null && (await persistedMutation_(hash, operationName, run)))
			throw new BadRequest('Mutations are not allowed over GET: use POST', 405, { Allow: 'POST' });
	} catch (error) {
		if (!(error instanceof BadRequest)) throw error;
		return { status: error.status, body: errorBody(error.message), contentType: mediaType, headers: error.headers };
	}
	const rest = [variables === null ? null : JSON.stringify(variables), operationName, requestContext(request.headers)];
	let statement, first;
	if (hash === null) [statement, first] = ['execute', query];
	else if (query === null) [statement, first] = ['execute_persisted', hash];
	else [statement, first] = ['execute', query]; // a hash with its query: run the text (and maybe store it)
	const body = await run(statement, [first, ...rest]);
	// Once per document: later requests send the hash alone.
	if (hash !== null && query !== null && APQ_REGISTER && hasData(body)) await run('persist', [query]);
	return { status: statusFor(body, mediaType), body, contentType: mediaType, headers: {} };
}

async function persistedMutation_(hash, operationName, run) {
	const key = `${hash} ${operationName ?? ''}`;
	if (!persistedMutation.has(key)) {
		const text = await run('persisted_text', [hash]);
		if (text === null || text === undefined) return false; // execute_persisted answers PersistedQueryNotFound
		if (persistedMutation.size >= PERSISTED_MUTATION_MAX) persistedMutation.clear();
		persistedMutation.set(key, mutationSelected(text, operationName));
	}
	return persistedMutation.get(key);
}
