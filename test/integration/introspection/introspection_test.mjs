// introspection_test.mjs: issue 5's acceptance test. The standard introspection
// query (graphql-js getIntrospectionQuery(), as test/conformance/data/introspection
// holds it) goes through fraiseql.execute over the demo schema; graphql-js
// buildClientSchema reads the answer, and printSchema of that must equal
// printSchema(buildSchema(fraiseql.schema_sdl())) (which defines FraiseQL's own
// directives, so graphql-js reads it as it is). Also: the
// answer equals graphql-js's own introspection of that schema, __type(name:)
// agrees with __schema, aliases, and fraiseql.introspection = off.
//
// Runs against the cluster of test/scripts/cluster.sh (PGHOST, PGPORT, PGUSER
// in the environment) through psql, in a database of its own. Prints
// "ok - ..." / "not ok - ..." per check and ends with
// "introspection: N passed, M failed"; exits non-zero when a check failed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import {
  buildClientSchema,
  buildSchema,
  graphqlSync,
  NoSchemaIntrospectionCustomRule,
  parse,
  printSchema,
  specifiedRules,
  validate,
} from 'graphql';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CONFORMANCE = join(ROOT, 'test', 'conformance', 'data', 'introspection');
const DATABASE = 'fraiseql_introspection';

let passed = 0;
let failed = 0;
function report(ok, name, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail ? `\n    ${detail.replace(/\n/g, '\n    ')}` : ''}`);
  }
}

function psql(database, args, input) {
  return execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, ...args], {
    input,
    stdio: ['pipe', 'pipe', 'pipe'], // NOTICEs stay out of the report; errors carry stderr
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

// One request through fraiseql.execute; psql quotes the values itself (:'q').
// `settings` are SET before the call, in the same session.
function execute(query, variables = null, settings = '') {
  const out = psql(
    DATABASE,
    ['-At', '-v', `q=${query}`, '-v', `v=${variables === null ? '' : JSON.stringify(variables)}`],
    `${settings}SELECT convert_from(fraiseql.execute(:'q', NULLIF(:'v', '')::jsonb), 'UTF8');\n`,
  );
  return JSON.parse(out);
}

function setUp() {
  psql('postgres', ['-c', `DROP DATABASE IF EXISTS ${DATABASE}`]);
  psql('postgres', ['-c', `CREATE DATABASE ${DATABASE}`]);
  psql(DATABASE, ['-c', 'CREATE EXTENSION fraiseql']);
  psql(DATABASE, [], readFileSync(join(ROOT, 'test/demo/schema.sql'), 'utf8'));
  psql(DATABASE, ['-v', `sdl=${readFileSync(join(ROOT, 'test/demo/schema.graphql'), 'utf8')}`],
    "SELECT fraiseql.load_schema(:'sdl');\n");
}

// schema_sdl() as graphql-js reads it: it defines FraiseQL's own directives
// (@view, @field, @connection, @function) along with their uses, so it is
// plain SDL, and introspection lists those directives as well.
function portableSdl() {
  return psql(DATABASE, ['-At', '-c', 'SELECT fraiseql.schema_sdl()']);
}

// The first differing line of two texts, for a readable failure.
function firstDifference(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}: want ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`;
    }
  }
  return '';
}

function check(name, fn) {
  try {
    const result = fn();
    report(result === true || result === '', name, typeof result === 'string' ? result : '');
  } catch (e) {
    report(false, name, String(e && e.stack ? e.stack : e));
  }
}

function main() {
  try {
    setUp();
  } catch (e) {
    report(false, 'set-up of the demo database', String(e));
    return;
  }
  let reference = null;
  check('graphql-js builds the schema fraiseql.schema_sdl() prints', () => {
    reference = buildSchema(portableSdl());
    return true;
  });

  for (const file of ['full.graphql', 'default.graphql']) {
    const query = readFileSync(join(CONFORMANCE, file), 'utf8');
    let response = null;
    check(`${file}: fraiseql.execute answers with data only`, () => {
      response = execute(query);
      return isDeepStrictEqual(Object.keys(response), ['data']) || JSON.stringify(response).slice(0, 400);
    });
    if (!response || !response.data || !reference) continue;
    check(`${file}: printSchema(buildClientSchema(answer)) equals printSchema(buildSchema(schema_sdl()))`, () => {
      const want = printSchema(reference);
      const got = printSchema(buildClientSchema(response.data));
      return want === got || firstDifference(want, got);
    });
    check(`${file}: the answer equals graphql-js's own introspection of that schema, order included`, () => {
      const want = graphqlSync({ schema: reference, source: query });
      return JSON.stringify(want) === JSON.stringify(response) ||
        firstDifference(JSON.stringify(want, null, 1), JSON.stringify(response, null, 1));
    });
  }

  // __type(name:) gives the same object as the type's entry in __schema.types.
  const full = readFileSync(join(CONFORMANCE, 'full.graphql'), 'utf8');
  const fragments = full.slice(full.indexOf('fragment FullType'));
  check('__type(name:) of each view type equals its entry in __schema { types }', () => {
    const all = execute(full).data.__schema.types;
    for (const name of ['User', 'Post', 'Query', 'UUID']) {
      const one = execute(`query ($n: String!) { __type(name: $n) { ...FullType } }\n${fragments}`, { n: name });
      const entry = all.find((t) => t.name === name);
      if (!entry || !isDeepStrictEqual(one, { data: { __type: entry } })) {
        return `${name}: ${JSON.stringify(one).slice(0, 300)}`;
      }
    }
    return true;
  });

  check('aliases, fragments, __typename and a missing type, keys in selection order', () => {
    const r = execute(`{
      u: __type(name: "User") { ...N k: kind fields { name } }
      nope: __type(name: "Nope") { name }
      __typename
      s: __schema { q: queryType { name } }
    }
    fragment N on __Type { n: name __typename }`);
    const fields = Object.keys(reference.getType('User').getFields());
    const want = {
      data: {
        u: { n: 'User', __typename: '__Type', k: 'OBJECT', fields: fields.map((name) => ({ name })) },
        nope: null,
        __typename: 'Query',
        s: { q: { name: 'Query' } },
      },
    };
    return JSON.stringify(r) === JSON.stringify(want) || JSON.stringify(r);
  });

  check('fraiseql.introspection = off: __schema and __type are graphql-js validation errors, no data', () => {
    const query = '{ __schema { queryType { name } } t: __type(name: "User") { name } }';
    const r = execute(query, null, 'SET fraiseql.introspection = off;\n');
    const want = validate(reference, parse(query), [...specifiedRules, NoSchemaIntrospectionCustomRule]).map((e) => ({
      message: e.message,
      locations: e.locations,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    }));
    return (want.length === 3 && JSON.stringify(r) === JSON.stringify({ errors: want })) ||
      `want ${JSON.stringify(want)}, got ${JSON.stringify(r)}`;
  });

  check('fraiseql.introspection = off: __typename still works', () => {
    const r = execute('{ __typename users(limit: 1) { __typename } }', null, 'SET fraiseql.introspection = off;\n');
    return JSON.stringify(r) === JSON.stringify({ data: { __typename: 'Query', users: [{ __typename: 'User' }] } }) ||
      JSON.stringify(r);
  });
}

main();
console.log(`introspection: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
