#!/usr/bin/env node
// Regenerates lexer.json, parser.json, validation.json and schemas.json.
//
//   node generate.mjs GRAPHQL_JS_CHECKOUT [OUT_DIR]
//
// GRAPHQL_JS_CHECKOUT is a graphql-js source tree (it needs src/). OUT_DIR
// defaults to ../data next to this script (test/conformance/data).
//
// How: graphql-js's own test files are transpiled from TypeScript and run with
// a stand-in for mocha. Their imports of graphql-js library modules are served
// by the pinned npm `graphql` package, with parse/parseValue/parseConstValue/
// parseType, the Lexer constructor and validate/validateSDL wrapped so that
// every input the tests hand them is recorded. The tests only supply inputs:
// every expected output in the data files is computed afterwards by running
// the npm package on the recorded inputs. The tests' own assertions still run
// (through a chai wrapper that notes failures instead of stopping the test),
// which shows where the test suite's commit and the npm release disagree.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  ENTRIES,
  GRAPHQL_VERSION,
  PARSE_OPTION_NAMES,
  VALIDATE_OPTION_NAMES,
  g,
  lexAll,
  notUtf8,
  parseAnswer,
  pick,
  runValidation,
  sourceKind,
  specifiedSDLRules,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const chai = await import('chai');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [repoArg, outArg] = process.argv.slice(2);
if (!repoArg) {
  console.error('usage: node generate.mjs GRAPHQL_JS_CHECKOUT [OUT_DIR]');
  process.exit(2);
}
const SRC = path.resolve(repoArg, 'src');
const OUT = path.resolve(outArg ?? path.join(HERE, '..', 'data'));

const LANGUAGE_TESTS = ['lexer', 'parser', 'schema-parser', 'printer', 'schema-printer'].map(
  (n) => path.join(SRC, 'language/__tests__', `${n}-test.ts`),
);
const VALIDATION_TESTS = fs
  .readdirSync(path.join(SRC, 'validation/__tests__'))
  .filter((f) => f.endsWith('-test.ts'))
  .sort()
  .map((f) => path.join(SRC, 'validation/__tests__', f));

// ---------------------------------------------------------------------------
// Where we are: the test file and title that the recorders attach to inputs.
const current = { file: '', title: '' };
const testFile = (file) => path.basename(file, '.ts');

// mocha stand-in: describe() runs its body at once, it() queues the test.
const titleStack = [];
let queued = [];
const mocha = {
  describe(name, fn) {
    titleStack.push(name);
    try {
      fn();
    } finally {
      titleStack.pop();
    }
  },
  it(name, fn) {
    queued.push({ title: [...titleStack, name].join(' > '), fn });
  },
};
mocha.describe.skip = () => undefined;
mocha.it.skip = () => undefined;

// chai wrapper: a failed assertion is noted against the running test and the
// rest of the test body still runs (so its later inputs are recorded too).
const assertionFailures = new Map(); // "file: title" -> first failure message
function noteFailure(error) {
  const key = `${testFile(current.file)}: ${current.title}`;
  if (!assertionFailures.has(key)) {
    assertionFailures.set(key, String(error?.message ?? error).split('\n')[0].slice(0, 300));
  }
}
const inert = new Proxy(function inert() {}, {
  get: (_t, key) => (key === 'then' ? undefined : inert),
  apply: () => inert,
});
function soft(target, self) {
  return new Proxy(target, {
    get(t, key) {
      let value;
      try {
        value = Reflect.get(t, key);
      } catch (e) {
        noteFailure(e);
        return inert;
      }
      if (typeof value === 'function' || value instanceof chai.Assertion) {
        return soft(value, t);
      }
      return value;
    },
    apply(t, _thisArg, args) {
      try {
        const result = Reflect.apply(t, self, args);
        return result instanceof chai.Assertion ? soft(result, result) : result;
      } catch (e) {
        noteFailure(e);
        return inert;
      }
    },
  });
}
const softChai = { ...chai, expect: soft(chai.expect, undefined), assert: soft(chai.assert, undefined) };

// ---------------------------------------------------------------------------
// Recorders.
const lexerInputs = []; // {file, title, body}
const parserInputs = []; // {file, title, entry, body, options}
const validationInputs = []; // {file, title, kind, schema, document, rules, options}
const documentSources = new WeakMap(); // DocumentNode -> {body, options}
let recordLanguage = false;
let recordValidation = false;

function wrapParser(real) {
  const out = { ...real };
  for (const entry of ENTRIES) {
    out[entry] = function recordedParse(source, options) {
      const body = typeof source === 'string' ? source : source?.body;
      if (recordLanguage && typeof body === 'string') {
        parserInputs.push({ ...current, entry, body, options });
      }
      const result = real[entry](source, options);
      if (entry === 'parse' && typeof body === 'string') {
        documentSources.set(result, { body, options });
      }
      return result;
    };
  }
  return out;
}

function wrapLexer(real) {
  class Lexer extends real.Lexer {
    constructor(source, ...rest) {
      super(source, ...rest);
      const body = typeof source === 'string' ? source : source?.body;
      if (recordLanguage && typeof body === 'string') lexerInputs.push({ ...current, body });
    }
  }
  return { ...real, Lexer };
}

function wrapValidate(real) {
  return {
    ...real,
    validate(schema, document, rules, options) {
      if (recordValidation) {
        validationInputs.push({ ...current, kind: 'executable', schema, document, rules, options });
      }
      return real.validate(schema, document, rules, options);
    },
    validateSDL(document, schema, rules) {
      if (recordValidation) {
        validationInputs.push({ ...current, kind: 'sdl', schema, document, rules });
      }
      return real.validateSDL(document, schema, rules);
    },
  };
}

// ---------------------------------------------------------------------------
// Loading transpiled TypeScript as CommonJS with our own require().
const loaded = new Map();
const libraryShims = new Map();
const missingLibraryModules = new Set();

function libraryModule(rel) {
  if (libraryShims.has(rel)) return libraryShims.get(rel);
  let real;
  try {
    real = require(`graphql/${rel}.js`);
  } catch (e) {
    missingLibraryModules.add(rel);
    throw e;
  }
  let mod = real;
  if (rel === 'language/parser') mod = wrapParser(real);
  else if (rel === 'language/lexer') mod = wrapLexer(real);
  else if (rel === 'validation/validate') mod = wrapValidate(real);
  libraryShims.set(rel, mod);
  return mod;
}

function requireFrom(fromFile, request) {
  if (request === 'mocha') return mocha;
  if (request === 'chai') return softChai;
  if (!request.startsWith('.')) return require(request);
  const abs = path.resolve(path.dirname(fromFile), request).replace(/\.js$/, '');
  const rel = path.relative(SRC, abs).split(path.sep).join('/');
  if (rel.includes('__tests__') || rel.startsWith('__testUtils__')) {
    return loadTs(`${abs}.ts`);
  }
  return libraryModule(rel);
}

function loadTs(file) {
  if (loaded.has(file)) return loaded.get(file).exports;
  const source = fs.readFileSync(file, 'utf8');
  const js = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: false,
    },
  }).outputText;
  const m = new Module(file);
  m.filename = file;
  m.require = (request) => requireFrom(file, request);
  loaded.set(file, m);
  m._compile(js, file);
  return m.exports;
}

async function runTestFile(file) {
  queued = [];
  current.file = file;
  current.title = testFile(file);
  loadTs(file);
  const stats = { tests: queued.length, threw: [], without_inputs: [] };
  const recorded = () => lexerInputs.length + parserInputs.length + validationInputs.length;
  for (const t of queued) {
    current.title = t.title;
    const before = recorded();
    try {
      await t.fn.call({ timeout() {} });
    } catch (e) {
      noteFailure(e);
      stats.threw.push(t.title);
    }
    if (recorded() === before) stats.without_inputs.push(t.title);
  }
  return stats;
}

// ---------------------------------------------------------------------------
// Run the tests.
const fileStats = {};
recordLanguage = true;
for (const f of LANGUAGE_TESTS) fileStats[testFile(f)] = await runTestFile(f);
recordLanguage = false;
recordValidation = true;
for (const f of VALIDATION_TESTS) fileStats[testFile(f)] = await runTestFile(f);
recordValidation = false;

const harness = loadTs(path.join(SRC, 'validation/__tests__/harness.ts'));
const { kitchenSinkQuery } = loadTs(path.join(SRC, '__testUtils__/kitchenSinkQuery.ts'));
const { kitchenSinkSDL } = loadTs(path.join(SRC, '__testUtils__/kitchenSinkSDL.ts'));

// ---------------------------------------------------------------------------
// lexer.json
function numbered() {
  const counters = new Map();
  return (file) => {
    const base = testFile(file);
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return `${base}#${String(n).padStart(3, '0')}`;
  };
}

const lexerCases = [];
{
  const seen = new Set();
  const id = numbered();
  for (const input of lexerInputs) {
    if (seen.has(input.body)) continue;
    seen.add(input.body);
    const c = { id: id(input.file), name: input.title, source: input.body, ...lexAll(input.body) };
    if (notUtf8(input.body)) c.not_utf8 = true;
    if (input.body.includes('\u0000')) c.contains_nul = true;
    lexerCases.push(c);
  }
}

// ---------------------------------------------------------------------------
// parser.json
const parserCases = [];
{
  const seen = new Set();
  const id = numbered();
  const fallbackKind = (file) => (/schema-/.test(testFile(file)) ? 'sdl' : 'executable');
  const add = (file, name, entry, body, rawOptions) => {
    const options = pick(rawOptions, PARSE_OPTION_NAMES);
    const key = JSON.stringify([entry, body, options]);
    if (seen.has(key)) return;
    seen.add(key);
    const { ast, answer } = parseAnswer(entry, body, options);
    const c = { id: id(file), name, entry, kind: sourceKind(entry, body, ast, fallbackKind(file)), source: body };
    if (Object.keys(options).length > 0) c.options = options;
    Object.assign(c, answer);
    if (notUtf8(body)) c.not_utf8 = true;
    if (body.includes('\u0000')) c.contains_nul = true;
    parserCases.push(c);
  };
  add(path.join(SRC, '__testUtils__/kitchenSinkQuery.ts'), 'kitchen sink: query (src/__testUtils__/kitchenSinkQuery.ts)', 'parse', kitchenSinkQuery);
  add(path.join(SRC, '__testUtils__/kitchenSinkSDL.ts'), 'kitchen sink: SDL (src/__testUtils__/kitchenSinkSDL.ts)', 'parse', kitchenSinkSDL);
  for (const input of parserInputs) add(input.file, input.title, input.entry, input.body, input.options);
}

// ---------------------------------------------------------------------------
// validation.json + schemas.json
const schemas = {};
const schemaKeys = new Map(); // printed SDL -> key
const rebuilt = new Map(); // key -> GraphQLSchema built from the printed SDL, or Error
function schemaKey(schema, file) {
  const sdl = g.printSchema(schema);
  if (schemaKeys.has(sdl)) return schemaKeys.get(sdl);
  let key;
  if (schema === harness.testSchema) key = 'testSchema';
  else {
    const base = testFile(file).replace(/-test$/, '');
    let n = 1;
    while (schemas[`${base}-${n}`] !== undefined) n++;
    key = `${base}-${n}`;
  }
  schemas[key] = sdl;
  schemaKeys.set(sdl, key);
  return key;
}
function rebuiltSchema(key) {
  if (!rebuilt.has(key)) {
    try {
      rebuilt.set(key, g.buildSchema(schemas[key]));
    } catch (e) {
      rebuilt.set(key, e);
    }
  }
  return rebuilt.get(key);
}

const validationCases = [];
const skipped = {}; // rule (or file) -> {reason -> count}
function skip(label, reason) {
  skipped[label] ??= {};
  skipped[label][reason] = (skipped[label][reason] ?? 0) + 1;
}
{
  const seen = new Set();
  const id = numbered();
  // Register the shared schema first so it is the first key.
  schemaKey(harness.testSchema, 'harness');
  for (const input of validationInputs) {
    const label = testFile(input.file).replace(/-test$/, '');
    const { kind, rules } = input;
    let rule;
    if (rules === undefined) rule = kind === 'sdl' ? 'specifiedSDLRules' : 'specifiedRules';
    else if (rules === g.specifiedRules) rule = 'specifiedRules';
    else if (rules === specifiedSDLRules) rule = 'specifiedSDLRules';
    else if (
      rules.length === 1 &&
      (g[rules[0].name] === rules[0] ||
        g.specifiedRules.includes(rules[0]) ||
        specifiedSDLRules.includes(rules[0]))
    ) {
      rule = rules[0].name;
    } else {
      skip(label, 'custom rule function defined inside the test');
      continue;
    }
    const src = documentSources.get(input.document);
    if (!src) {
      skip(rule, 'document built by hand as an AST, no source text');
      continue;
    }
    const body = src.body;
    const options = pick(input.options, VALIDATE_OPTION_NAMES);
    // The harness parses every executable document with experimental
    // fragment arguments on; keep the flag only where the text needs it.
    const parseOptions = {};
    if (src.options?.experimentalFragmentArguments) {
      try {
        g.parse(body);
      } catch {
        parseOptions.experimentalFragmentArguments = true;
      }
    }
    const document = g.parse(body, parseOptions);
    const schemaName = input.schema ? schemaKey(input.schema, input.file) : null;
    const allOptions = { ...parseOptions, ...options };
    const key = JSON.stringify([kind, rule, schemaName, body, allOptions]);
    if (seen.has(key)) continue;
    seen.add(key);

    const ruleList = rules === undefined ? (kind === 'sdl' ? specifiedSDLRules : g.specifiedRules) : rules;
    const allRules = kind === 'sdl' ? specifiedSDLRules : g.specifiedRules;
    let errors;
    let allRulesErrors;
    try {
      errors = runValidation(kind, input.schema, document, ruleList, options);
      allRulesErrors = runValidation(kind, input.schema, document, allRules, options);
    } catch (e) {
      skip(rule, `graphql-js threw: ${e.message}`);
      continue;
    }
    const c = { id: id(input.file), name: input.title, kind, rule, schema: schemaName, query: body };
    if (Object.keys(allOptions).length > 0) c.options = allOptions;
    c.errors = errors;
    c.all_rules_errors = allRulesErrors;

    // Is the printed SDL enough to reproduce the answers?
    if (schemaName !== null) {
      const again = rebuiltSchema(schemaName);
      let same = false;
      if (!(again instanceof Error)) {
        try {
          same =
            JSON.stringify(runValidation(kind, again, document, ruleList, options)) === JSON.stringify(errors) &&
            JSON.stringify(runValidation(kind, again, document, allRules, options)) === JSON.stringify(allRulesErrors);
        } catch {
          same = false;
        }
      }
      if (!same) c.needs_programmatic_schema = true;
    }
    validationCases.push(c);
  }
}

// ---------------------------------------------------------------------------
// Write.
const write = (name, data) => {
  const text = `${JSON.stringify(data, null, 1)}\n`;
  JSON.parse(text);
  fs.writeFileSync(path.join(OUT, name), text);
};
write('lexer.json', lexerCases);
write('parser.json', parserCases);
write('validation.json', validationCases);
write('schemas.json', schemas);

// Summary for README and for a human reading the log.
const perRule = {};
for (const c of validationCases) {
  perRule[c.rule] ??= { cases: 0, needs_programmatic_schema: 0, with_options: 0 };
  perRule[c.rule].cases++;
  if (c.needs_programmatic_schema) perRule[c.rule].needs_programmatic_schema++;
  if (c.options) perRule[c.rule].with_options++;
}
const summary = {
  graphql_version: GRAPHQL_VERSION,
  typescript_version: ts.version,
  counts: {
    lexer: lexerCases.length,
    lexer_not_utf8: lexerCases.filter((c) => c.not_utf8).length,
    parser: parserCases.length,
    parser_by_kind: parserCases.reduce((a, c) => ((a[c.kind] = (a[c.kind] ?? 0) + 1), a), {}),
    parser_ok: parserCases.filter((c) => c.ok).length,
    parser_with_options: parserCases.filter((c) => c.options).length,
    validation: validationCases.length,
    validation_executable: validationCases.filter((c) => c.kind === 'executable').length,
    validation_sdl: validationCases.filter((c) => c.kind === 'sdl').length,
    validation_needs_programmatic_schema: validationCases.filter((c) => c.needs_programmatic_schema).length,
    validation_with_options: validationCases.filter((c) => c.options).length,
    schemas: Object.keys(schemas).length,
  },
  validation_per_rule: perRule,
  validation_skipped: skipped,
  test_files: Object.fromEntries(
    Object.entries(fileStats).map(([f, s]) => [
      f,
      { tests: s.tests, threw: s.threw, tests_without_inputs: s.without_inputs },
    ]),
  ),
  tests_whose_assertions_disagree_with_npm_graphql: Object.fromEntries(assertionFailures),
  library_modules_missing_from_npm_package: [...missingLibraryModules],
};
fs.writeFileSync(path.join(HERE, 'generate-summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
console.log(JSON.stringify(summary.counts));
console.log(`assertion disagreements: ${assertionFailures.size}; details in tools/generate-summary.json`);
