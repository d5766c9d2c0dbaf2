// audit.mjs URL [LABEL]: runs graphql-http's GraphQL-over-HTTP server audit
// against URL and prints every result. A MUST that fails (status "error") is a
// failure; SHOULD/MAY misses ("warn", "notice") are reported, not counted.
// Prints "audit <label>: N passed, M failed" (passed = every non-error result)
// and exits non-zero when a MUST failed.
import { auditServer } from 'graphql-http';

const [url, label = url] = process.argv.slice(2);
if (!url) {
	console.error('usage: node audit.mjs URL [LABEL]');
	process.exit(2);
}

const results = await auditServer({ url });
let ok = 0;
let warn = 0;
let error = 0;
for (const result of results) {
	const mark = { ok: 'ok  ', notice: 'note', warn: 'WARN', error: 'FAIL' }[result.status] ?? result.status;
	console.log(`${mark} ${result.id} ${result.name}`);
	if (result.status !== 'ok') {
		const details = result.reason + (result.response ? ` (status ${result.response.status})` : '');
		console.log(`       ${details}`);
	}
	if (result.status === 'ok') ok++;
	else if (result.status !== 'error') warn++;
	else error++;
}
console.log(`audit ${label}: ${results.length} audits, ${ok} ok, ${warn} warnings (SHOULD/MAY), ${error} MUST failures`);
console.log(`audit ${label}: ${ok + warn} passed, ${error} failed`);
process.exit(error === 0 ? 0 : 1);
