// validate_bench.mjs: graphql-js 17 validate() (specifiedRules) on the same
// parsed documents and schema; same output format as validate_bench.cc.
// node validate_bench.mjs SCHEMA [--min-seconds S] FILE...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildSchema, parse, validate, version } from 'graphql';

const args = process.argv.slice(2);
const schema = buildSchema(readFileSync(args[0], 'utf8'));
let minSeconds = 1.0;
if (version !== '17.1.0') {
  console.error(`validate_bench.mjs: expected graphql 17.1.0, found ${version}`);
  process.exit(1);
}
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--min-seconds') { minSeconds = Number(args[++i]); continue; }
  const doc = parse(readFileSync(args[i], 'utf8'));
  const warmUntil = performance.now() + 500;
  do validate(schema, doc); while (performance.now() < warmUntil);
  const micros = [];
  let errors = 0;
  const begin = performance.now();
  while (micros.length < 20 || (performance.now() - begin) / 1000 < minSeconds) {
    const t0 = performance.now();
    errors = validate(schema, doc).length;
    micros.push((performance.now() - t0) * 1000);
  }
  micros.sort((a, b) => a - b);
  console.log(['graphql-js', basename(args[i]), micros.length, micros[0].toFixed(1),
    micros[Math.floor(micros.length / 2)].toFixed(1), errors].join('\t'));
}
