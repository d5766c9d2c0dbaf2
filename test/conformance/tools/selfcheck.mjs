#!/usr/bin/env node
// Re-derives every expected answer in the conformance files from the JSON
// inputs alone (source texts, schemas.json SDL, options, root values) with the
// installed graphql package, and reports any case whose recorded answer
// differs. This shows that the data files are self-contained and that the
// installed graphql still gives the recorded answers.
//
//   node selfcheck.mjs [DATA_DIR]      (DATA_DIR defaults to ../data)
import fs from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  GRAPHQL_VERSION,
  PARSE_OPTION_NAMES,
  VALIDATE_OPTION_NAMES,
  g,
  lexAll,
  parseAnswer,
  pick,
  rulesFor,
  runValidation,
  sourceKind,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(process.argv[2] ?? path.join(HERE, '..', 'data'));
const load = (f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'));

const report = {};
function check(file, c, ok, detail) {
  report[file] ??= { passed: 0, failed: 0, skipped: 0 };
  if (ok === null) report[file].skipped++;
  else if (ok) report[file].passed++;
  else {
    report[file].failed++;
    if (report[file].failed <= 10) console.log(`FAIL ${file} ${c.id ?? c.name}: ${detail ?? ''}`.slice(0, 400));
  }
}

for (const c of load('lexer.json')) {
  const want = { tokens: c.tokens };
  if (c.error) want.error = c.error;
  if (c.comments) want.comments = c.comments;
  const got = lexAll(c.source);
  check('lexer.json', c, isDeepStrictEqual(got, want), JSON.stringify(got).slice(0, 200));
}

for (const c of load('parser.json')) {
  const { ast, answer } = parseAnswer(c.entry, c.source, pick(c.options, PARSE_OPTION_NAMES));
  const want = c.ok ? { ok: true, ast_print: c.ast_print, print: c.print } : { ok: false, error: c.error };
  const kindOk = sourceKind(c.entry, c.source, ast, c.kind) === c.kind;
  check('parser.json', c, isDeepStrictEqual(answer, want) && kindOk, JSON.stringify(answer).slice(0, 200));
}

const schemaTexts = load('schemas.json');
const built = {};
for (const c of load('validation.json')) {
  if (c.needs_programmatic_schema) {
    check('validation.json', c, null);
    continue;
  }
  let schema;
  if (c.schema !== null) {
    built[c.schema] ??= g.buildSchema(schemaTexts[c.schema]);
    schema = built[c.schema];
  }
  const doc = g.parse(c.query, pick(c.options, PARSE_OPTION_NAMES));
  const vopts = pick(c.options, VALIDATE_OPTION_NAMES);
  const errors = runValidation(c.kind, schema, doc, rulesFor(c.rule, c.kind), vopts);
  const all = runValidation(c.kind, schema, doc, rulesFor(undefined, c.kind), vopts);
  check(
    'validation.json',
    c,
    isDeepStrictEqual(errors, c.errors) && isDeepStrictEqual(all, c.all_rules_errors),
    JSON.stringify(errors).slice(0, 200),
  );
}

for (const c of load('execution-shapes.json')) {
  const result = g.graphqlSync({
    schema: g.buildSchema(c.schema_sdl),
    source: c.query,
    rootValue: c.root_value,
    variableValues: c.variables ?? undefined,
    operationName: c.operation_name,
  });
  const got = JSON.parse(JSON.stringify(result));
  check('execution-shapes.json', c, isDeepStrictEqual(got, c.response), JSON.stringify(got).slice(0, 200));
}

const index = load('introspection/index.json');
for (const [file, { getIntrospectionQuery_options: options }] of Object.entries(index.queries)) {
  const text = fs.readFileSync(path.join(DIR, 'introspection', file), 'utf8');
  check('introspection', { id: file }, text === g.getIntrospectionQuery(options ?? undefined));
}
{
  const ex = index.example;
  const schema = g.buildSchema(fs.readFileSync(path.join(DIR, 'introspection', ex.schema), 'utf8'));
  const query = fs.readFileSync(path.join(DIR, 'introspection', ex.query), 'utf8');
  const got = JSON.parse(JSON.stringify(g.graphqlSync({ schema, source: query })));
  check('introspection', { id: ex.response }, isDeepStrictEqual(got, JSON.parse(fs.readFileSync(path.join(DIR, 'introspection', ex.response), 'utf8'))));
}

console.log(`graphql ${GRAPHQL_VERSION}`);
let failed = 0;
for (const [file, r] of Object.entries(report)) {
  console.log(`${file}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} not checkable (needs_programmatic_schema)` : ''}`);
  failed += r.failed;
}
process.exit(failed === 0 ? 0 : 1);
