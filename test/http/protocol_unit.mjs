// protocol_unit.mjs: protocol_cases.json against examples/node/graphql_http.mjs.
// Prints "protocol-node: N passed, M failed".
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { mutationSelected, negotiate, operationKinds } from '../../examples/node/graphql_http.mjs';

const cases = JSON.parse(readFileSync(new URL('./protocol_cases.json', import.meta.url), 'utf-8'));
let passed = 0;
let failed = 0;
function check(name, got, want) {
	if (isDeepStrictEqual(got, want)) passed++;
	else {
		failed++;
		console.log(`FAIL ${name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
	}
}
for (const [document, want] of cases.operations) check(`operations ${JSON.stringify(document)}`, operationKinds(document), want);
for (const [document, name, want] of cases.mutation_selected)
	check(`mutationSelected ${JSON.stringify(document)} ${name}`, mutationSelected(document, name), want);
for (const [accept, want] of cases.negotiate) check(`negotiate ${JSON.stringify(accept)}`, negotiate(accept), want);
console.log(`protocol-node: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
