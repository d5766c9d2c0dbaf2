// graphiql_test.mjs URL SCREENSHOT: loads GraphiQL from the Python example (URL
// is its /graphql) in headless Chromium, runs a query with the execute button,
// checks the result shown in the page and saves a screenshot (PNG) to SCREENSHOT.
// Drives Chromium over the DevTools protocol directly (npm ws), so no browser is
// downloaded. Prints "graphiql: N passed, M failed"; when Chromium is absent it
// says so and counts nothing.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

const [url, screenshot] = process.argv.slice(2);
const QUERY = '{ users(limit: 2) { firstName lastName } }';
const TIMEOUT_MS = 30000;

let passed = 0;
let failed = 0;
function check(name, condition, detail = '') {
	if (condition) passed++;
	else failed++;
	console.log(condition ? `ok   ${name}` : `FAIL ${name}: ${detail}`);
}

function findChromium() {
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			return execFileSync('sh', ['-c', `command -v ${name}`]).toString().trim();
		} catch {
			// not this one
		}
	}
	return null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Starts Chromium with a DevTools port and resolves to {process, port}.
function startChromium(binary, profile) {
	const child = spawn(
		binary,
		[
			'--headless=new',
			'--no-sandbox', // runs as root in CI
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--no-first-run',
			'--remote-debugging-port=0',
			`--user-data-dir=${profile}`,
			'--window-size=1280,800',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	return new Promise((resolve, reject) => {
		let stderr = '';
		const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${stderr}`)), TIMEOUT_MS);
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
			if (match) {
				clearTimeout(timer);
				resolve({ child, port: Number(match[1]) });
			}
		});
		child.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${stderr}`)));
	});
}

// A minimal DevTools protocol session on one page.
class Page {
	constructor(socket) {
		this.socket = socket;
		this.nextId = 1;
		this.pending = new Map();
		this.exceptions = [];
		this.requests = [];
		socket.on('message', (data) => {
			const message = JSON.parse(data.toString());
			if (message.id && this.pending.has(message.id)) {
				const { resolve, reject } = this.pending.get(message.id);
				this.pending.delete(message.id);
				if (message.error) reject(new Error(message.error.message));
				else resolve(message.result);
			} else if (message.method === 'Network.requestWillBeSent') {
				this.requests.push(message.params.request.url);
			} else if (message.method === 'Runtime.exceptionThrown') {
				this.exceptions.push(message.params.exceptionDetails.exception?.description ?? message.params.exceptionDetails.text);
			}
		});
	}
	static async open(port) {
		const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
		const target = targets.find((t) => t.type === 'page');
		const socket = new WebSocket(target.webSocketDebuggerUrl);
		await new Promise((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
		});
		return new Page(socket);
	}
	send(method, params = {}) {
		const id = this.nextId++;
		this.socket.send(JSON.stringify({ id, method, params }));
		return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
	}
	async evaluate(expression) {
		const { result, exceptionDetails } = await this.send('Runtime.evaluate', { expression, returnByValue: true });
		if (exceptionDetails) throw new Error(exceptionDetails.text);
		return result.value;
	}
	async waitFor(expression) {
		const deadline = Date.now() + TIMEOUT_MS;
		while (Date.now() < deadline) {
			const value = await this.evaluate(expression);
			if (value) return value;
			await sleep(200);
		}
		return null;
	}
	close() {
		this.socket.close();
	}
}

const binary = findChromium();
if (!binary) {
	console.log('graphiql: skipped, no Chromium installed (Debian package chromium)');
	console.log('graphiql: 0 passed, 0 failed');
	process.exit(0);
}

const profile = mkdtempSync(join(tmpdir(), 'fraiseql-chromium-'));
let chromium;
try {
	chromium = await startChromium(binary, profile);
	const page = await Page.open(chromium.port);
	await page.send('Runtime.enable');
	await page.send('Page.enable');
	await page.send('Network.enable');
	await page.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
	await page.send('Page.navigate', { url: `${url}?query=${encodeURIComponent(QUERY)}` });

	const button = await page.waitFor("!!document.querySelector('.graphiql-execute-button')");
	check('GraphiQL loads from the example', button, page.exceptions.join('\n'));
	const editor = await page.waitFor(
		"(document.querySelector('.graphiql-query-editor')?.innerText || '').includes('firstName')",
	);
	check('the query editor holds the ?query= document', editor);

	await page.evaluate("document.querySelector('.graphiql-execute-button').click()");
	const result = await page.waitFor(
		"(() => { const t = document.querySelector('.result-window')?.innerText || ''; return t.includes('Lovelace') ? t : ''; })()",
	);
	check(
		'the execute button runs the query through fraiseql and shows the data',
		result && result.includes('"firstName": "Ada"') && result.includes('"lastName": "Turing"'),
		result ?? 'no result within 30 s',
	);
	const schemaLoaded = await page.waitFor(
		"(() => { document.querySelector('[aria-label=\"Show Documentation Explorer\"]')?.click(); " +
			"return (document.querySelector('.graphiql-doc-explorer')?.innerText || '').includes('Query'); })()",
	);
	check('GraphiQL read the schema by introspection (documentation explorer)', schemaLoaded);

	const { data } = await page.send('Page.captureScreenshot', { format: 'png' });
	writeFileSync(screenshot, Buffer.from(data, 'base64'));
	check(`screenshot saved to ${screenshot}`, true);
	check('no uncaught exception in the page', page.exceptions.length === 0, page.exceptions.join('\n'));
	const origin = new URL(url).origin;
	const elsewhere = page.requests.filter((r) => !r.startsWith(origin + '/') && !r.startsWith('data:'));
	check(`every request went to the app itself (${page.requests.length} requests)`, elsewhere.length === 0, elsewhere.join(' '));
	page.close();
} catch (error) {
	check('GraphiQL in headless Chromium', false, error.stack);
} finally {
	chromium?.child.kill();
	await sleep(200);
	rmSync(profile, { recursive: true, force: true });
}
console.log(`graphiql: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
