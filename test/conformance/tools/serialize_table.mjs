#!/usr/bin/env node
// serialize_table.mjs: writes test/conformance/data/serialize.json, graphql-js's
// answer for each built-in scalar (String, Int, Float, Boolean, ID) over a list
// of JSON values, as its executor gives it: the row's JSON is JSON.parse'd, null
// stays null, anything else goes through the scalar's serialize (17.x calls it
// coerceOutputValue; `serialize` is the same function) and the result is
// JSON.stringify'd into the response.
//
//   cd test/conformance/tools && npm ci && node serialize_table.mjs
//
// Rows where fraiseql answers otherwise on purpose carry a "deliberate" entry
// (our answer and why); test/unit/response/serialize_table_test.cc checks
// fraiseql against "deliberate" where present, graphql-js's answer elsewhere,
// and that each deliberate answer really differs from graphql-js's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  version as graphqlVersion,
} from 'graphql';

const SCALARS = {
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
  ID: GraphQLID,
};

// Each input is JSON text, as a row's jsonb would hold it (so no "\u0000",
// which jsonb rejects). Object keys are
// written in jsonb's order (shorter first, then bytewise): jsonb does not keep
// the order a client wrote, so inspect() of another order could not match.
const j = (s) => JSON.stringify(s);
const INPUTS = [
  // null, booleans
  'null', 'true', 'false',
  // numbers: zero, small integers, integral values written with a fraction or exponent
  '0', '-0', '0.0', '-0.0', '1', '-1', '1.0', '-1.0', '1.00', '100', '1e2', '1E2', '1e3', '1e+3', '1.5e3', '3.0e0',
  // fractions
  '1.5', '1.50', '-1.5', '0.1', '0.5', '-0.5', '123.456', '0.30000000000000004', '0.1234567890123456789',
  '3.14159265358979323846', '1e-3', '1.23e-10',
  // JavaScript's switch to exponent form: below 1e-6, at 1e21 and above
  '0.000001', '1e-6', '0.0000001', '1e-7', '2.5e-7', '1e20', '123456789012345680000', '1e21', '1e22', '1.5e21',
  '-1e21', '1e23',
  '999999999999999999999', '0.000001234', '1.5e-6', '123e-20', '4.35', '0.1e1', '100e-2',
  // 15 significant digits and 16: the most a decimal can have and still be a double's shortest form
  '0.123456789012345', '0.1234567890123456', '123456789012345.6', '99999999999999.99', '1.00000000000001',
  '9.99999999999999', '0.0000010', '100000000000000000000', '-0.000001',
  // the Int range
  '2147483647', '2147483648', '-2147483648', '-2147483649', '2147483647.0', '2147483647.5', '4294967296',
  // the edge of exact integers in a double, and beyond
  '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '9007199254740993.0',
  '9007199254740993.5', '12345678901234567890', '-12345678901234567890', '18446744073709551615',
  '99999999999999999999', '123456789012345678901234567890',
  // the edges of a double: overflow to Infinity, underflow to 0, subnormals
  '1e308', '1.7976931348623157e308', '1.7976931348623159e308', '1e400', '-1e400', '1e-400', '-1e-400',
  '5e-324', '2e-324', '3e-324',
  // strings: empty, blank, numeric text in the forms Number() accepts or not
  j(''), j(' '), j('  '), j('\n'), j('\t'), j('abc'), j('é'), j('1'), j('-1'), j('+1'), j('-0'), j('0'), j('01'),
  j('010'), j(' 1'), j('1 '), j('\t1\n'), j('\r\n1\r\n'), j('\u000b1\u000c'), j('\u00a01\u00a0'), j('\ufeff1'),
  j('\u20281\u2029'), j('\u30001\u3000'), j('\u20001\u200a'), j('\u180e1'), j('\u200b1'), j('1.5'), j('1.0'),
  j('1.50'), j('-1.5'), j('.5'), j('5.'), j('.'), j('-.5'), j('+.5'), j('1e3'), j('1E3'), j('1e+3'), j('1e-3'),
  j('1e'), j('e3'), j('1.5e3'), j('1e400'), j('-1e400'), j('1e-400'), j('1e21'), j('0x10'), j('0X1f'),
  j('-0x10'), j('+0x10'), j('0x'), j('0xg'), j('0b101'), j('0B11'), j('0b102'), j('0x20000000000001'), j('0x20000000000003'), j('0x1fffffffffffffffff'),
  j('0b' + '1'.repeat(70)), j('0x' + 'f'.repeat(256)), j('0o17'), j('0O7'), j('0o8'),
  j('1_000'), j('1,5'), j('1n'), j('Infinity'), j('-Infinity'), j('+Infinity'), j('infinity'), j('inf'), j('NaN'),
  j('2147483647'), j('2147483648'), j('-2147483648'), j('-2147483649'), j('2147483647.0'), j('9007199254740993'),
  j('12345678901234567890'), j('true'), j('false'), j('null'), j('١'), j('１'), j('"q"'),
  j('back\\slash'), j('line\nbreak'), j('\u0001'), j('😀'),
  // objects and arrays: never a scalar; shown by inspect()
  '{}', '{"a":1}', '{"a":1.50,"b":"x"}', '{"a":{"b":{"c":1}}}', '{"a":[1,2],"b":null,"c":true}',
  '{"toJSON":"x"}', '{"valueOf":1}', '[]', '[1]', '["a"]', '[1,2,3,4,5,6,7,8,9,10,11]',
  '[1,2,3,4,5,6,7,8,9,10,11,12]', '[[[1]]]', '[{"a":1}]', '[null,true,1.50,"s"]',
];

// fraiseql keeps an integral number's exact digits where JSON.parse would have
// rounded it to a double, below 1e21 where JavaScript writes integers in plain
// digits: only the rounding differs, not a serialize rule (an ID of a 64-bit
// key must not change).
const EXACT_DIGITS_WHY =
  'JSON.parse rounds this integer to a double before serialize runs; fraiseql reads the exact number from jsonb ' +
  'and keeps its digits';
function exactDigitsAnswer(input, scalar) {
  if (scalar !== 'String' && scalar !== 'ID') return undefined;
  const m = /^(-?)([0-9]+)(?:\.0+)?$/.exec(input);
  if (!m) return undefined;
  const exact = BigInt(m[1] + m[2]);
  const abs = exact < 0n ? -exact : exact;
  if (abs >= 10n ** 21n || BigInt(JSON.parse(input)) === exact) return undefined;
  return { json: JSON.stringify(String(exact)) };
}

function answer(type, value) {
  if (value === null) return { json: 'null' };
  try {
    return { json: JSON.stringify(type.serialize(value)) };
  } catch (e) {
    return { error: e.message };
  }
}

const seen = new Set();
const rows = INPUTS.map((input) => {
  if (seen.has(input)) throw new Error(`duplicate input ${input}`);
  seen.add(input);
  const value = JSON.parse(input);
  const row = { input };
  const deliberate = {};
  for (const [name, type] of Object.entries(SCALARS)) {
    row[name] = answer(type, value);
    const ours = exactDigitsAnswer(input, name);
    if (ours && ours.json !== row[name].json) deliberate[name] = { ...ours, why: EXACT_DIGITS_WHY };
  }
  if (Object.keys(deliberate).length) row.deliberate = deliberate;
  return row;
});

const table = {
  provenance:
    `graphql-js ${graphqlVersion}: GraphQLString, GraphQLInt, GraphQLFloat, GraphQLBoolean and GraphQLID ` +
    'serialize over JSON.parse(input); generated by test/conformance/tools/serialize_table.mjs',
  graphql_version: graphqlVersion,
  rows,
};

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, '..', 'data', 'serialize.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(table, null, 1) + '\n');
console.log(`${rows.length} inputs x ${Object.keys(SCALARS).length} scalars written to ${path.relative(process.cwd(), out)}`);
