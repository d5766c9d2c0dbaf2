#!/usr/bin/env node
// Regenerates execution-shapes.json and introspection/.
//
//   node shapes.mjs [OUT_DIR]        (OUT_DIR defaults to ../data)
//
// Response-format cases: a tiny schema, a root value that is plain JSON, and
// graphql-js's default resolvers only (a field's value is the property of the
// same name; abstract types resolve through the object's "__typename"). Field
// arguments are therefore never used to compute data; they are there for
// variable coercion. Every `response` is what graphqlSync() returns, as JSON.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { GRAPHQL_VERSION, g } from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(process.argv[2] ?? path.join(HERE, '..', 'data'));

const SCHEMA_SDL = `interface Node {
  id: ID!
}

enum Role {
  ADMIN
  MEMBER
}

type User implements Node {
  id: ID!
  name: String!
  email: String
  role: Role
  age: Int
  score: Float
  active: Boolean
  tags: [String!]
  friends: [User]
  bestFriend: User!
}

type Post implements Node {
  id: ID!
  title: String
  author: User
}

union SearchResult = User | Post

input UserFilter {
  name: String!
  role: Role = MEMBER
  minAge: Int
}

type Query {
  user: User
  me: User!
  users: [User]
  strictUsers: [User!]!
  search: [SearchResult!]!
  node: Node
  nodes: [Node]
  count(n: Int!): Int
  usersBy(filter: UserFilter!): [User]
  usersByIds(ids: [ID!]!): [User]
  byRole(role: Role!): [User]
  ratio(x: Float!): Float
  flag(on: Boolean!): Boolean
  greeting(name: String = "world"): String
}
`;

const ann = {
  id: '1', name: 'Ann', email: 'ann@example.com', role: 'ADMIN', age: 41, score: 9.5, active: true,
  tags: ['a', 'b'],
  friends: [
    { id: '2', name: 'Bob' },
    { id: '3', name: 'Cy' },
    { id: '4', name: null },
  ],
  bestFriend: { id: '2', name: 'Bob' },
};
const ROOT = {
  user: ann,
  me: null,
  users: [
    { id: '1', name: 'Ann' },
    { id: '2', name: null },
    { id: '3', name: 'Cy' },
    { id: '4', name: null },
  ],
  strictUsers: [
    { id: '1', name: 'Ann' },
    { id: '2', name: null },
  ],
  search: [
    { __typename: 'User', id: '1', name: 'Ann' },
    { __typename: 'Post', id: '9', title: 'Hello' },
  ],
  node: { __typename: 'Post', id: '9', title: 'Hello', author: { id: '1', name: 'Ann' } },
  nodes: [
    { __typename: 'User', id: '1', name: 'Ann' },
    null,
    { __typename: 'Post', id: '9', title: 'Hello' },
  ],
  count: 3,
  usersBy: [{ id: '1', name: 'Ann' }],
  usersByIds: [{ id: '1', name: 'Ann' }],
  byRole: [{ id: '1', name: 'Ann', role: 'ADMIN' }],
  ratio: 0.5,
  flag: true,
  greeting: 'hello',
};

// Variants of the root value for the output-coercion cases.
const withUser = (fields) => ({ ...ROOT, user: { ...ann, ...fields } });

// [name, query, variables, extra] ; extra: {operationName, root}
const CASES = [
  // Field order, aliases, merging
  ['aliases: response keys follow the selection order, not the root value order', '{ user { b: name a: id name id } }'],
  ['merged fields: first occurrence decides the position', '{ user { id ...F name } } fragment F on User { email id role }'],
  ['same field under two aliases', '{ user { first: friends { name } second: friends { id } } }'],
  ['__typename on an object, at the root, and aliased', '{ __typename user { __typename id kind: __typename } }'],
  // Nulls and errors
  ['nullable field holding null', '{ user { bestFriend { email } } }'],
  ['missing property in the root value reads as null', '{ user { friends { email } } }'],
  ['null in a non-null field nulls the nearest nullable parent', '{ user { id bestFriend { id } } }', null, { root: withUser({ bestFriend: null }) }],
  ['null in a non-null root field makes data null', '{ user { id } me { id } }'],
  ['null item in a nullable list of nullable objects: error path has the list index', '{ users { id name } }'],
  ['null in [User!]! propagates through the non-null list to data', '{ strictUsers { id name } }'],
  ['nested list index in the error path', '{ user { friends { id name } } }'],
  ['null inside [String!] nulls the whole list', '{ user { id tags } }', null, { root: withUser({ tags: ['a', null, 'c'] }) }],
  ['null entry in a list of a nullable abstract type', '{ nodes { id } }'],
  // Output coercion of leaf values
  ['leaf values are serialized by their type', '{ user { id age score active role } }', null, { root: withUser({ id: 7, score: 3 }) }],
  ['Int output outside 32 bits is a field error', '{ user { id age } }', null, { root: withUser({ age: 2147483648 }) }],
  ['enum output that is not a value of the enum is a field error', '{ user { id role } }', null, { root: withUser({ role: 'GUEST' }) }],
  // Directives
  ['@skip and @include with variables', 'query ($yes: Boolean!, $no: Boolean!) { user { id @skip(if: $yes) name @include(if: $yes) email @include(if: $no) role @skip(if: $no) } }', { yes: true, no: false }],
  ['@skip and @include on fragments and with literal arguments', '{ user { id ...F @skip(if: true) ... @include(if: false) { email } ... @include(if: true) { role } name @skip(if: false) @include(if: false) } } fragment F on User { name }'],
  ['variable default value feeds @include', 'query ($show: Boolean = true) { user { id @include(if: $show) } }', {}],
  // Fragments on abstract types
  ['inline fragments on union members', '{ search { __typename ... on User { id name } ... on Post { id title } } }'],
  ['named fragment on an interface with nested type conditions', '{ node { ...N } } fragment N on Node { __typename id ... on Post { title author { name } } ... on User { name } }'],
  ['fragment whose type condition does not match gives an empty object', '{ search { ... on Post { title } } }'],
  // Variable coercion (request errors: no "data" key)
  ['variables: valid values', 'query ($n: Int!, $x: Float!, $ids: [ID!]!, $r: Role!) { count(n: $n) ratio(x: $x) usersByIds(ids: $ids) { id } byRole(role: $r) { id } }', { n: 1, x: 2, ids: ['1', 2], r: 'ADMIN' }],
  ['variables: a single value is accepted for a list', 'query ($ids: [ID!]!) { usersByIds(ids: $ids) { id } }', { ids: '1' }],
  ['variables: wrong type for Int', 'query ($n: Int!) { count(n: $n) }', { n: 'abc' }],
  ['variables: Int outside the 32-bit range', 'query ($n: Int!) { count(n: $n) }', { n: 2147483648 }],
  ['variables: non-integer number for Int', 'query ($n: Int!) { count(n: $n) }', { n: 1.5 }],
  ['variables: numeric string for Int is not coerced', 'query ($n: Int!) { count(n: $n) }', { n: '5' }],
  ['variables: missing required variable', 'query ($n: Int!) { count(n: $n) }', {}],
  ['variables: no variables object at all', 'query ($n: Int!) { count(n: $n) }', null],
  ['variables: null for a non-null variable', 'query ($n: Int!) { count(n: $n) }', { n: null }],
  ['variables: string for Boolean', 'query ($on: Boolean!) { flag(on: $on) }', { on: 'true' }],
  ['variables: unknown enum value', 'query ($r: Role!) { byRole(role: $r) { id } }', { r: 'GUEST' }],
  ['variables: input object with an unknown field and a missing required field', 'query ($f: UserFilter!) { usersBy(filter: $f) { id } }', { f: { nmae: 'Ann' } }],
  ['variables: several coercion errors are all reported', 'query ($n: Int!, $x: Float!, $on: Boolean!) { count(n: $n) ratio(x: $x) flag(on: $on) }', { n: 'a', x: 'b' }],
  ['variables: null inside a list of non-null', 'query ($ids: [ID!]!) { usersByIds(ids: $ids) { id } }', { ids: ['1', null] }],
  // Request errors
  ['syntax error: no data key', '{ user { id }'],
  ['literal Int argument outside 32 bits is a validation error: no data key', '{ count(n: 2147483648) }'],
  ['validation error: no data key', '{ user { nope } }'],
  ['operation type the schema does not have', 'mutation { doIt }'],
  ['several operations and no operation name', 'query A { user { id } } query B { users { id } }'],
  ['operation name selects the operation', 'query A { user { id } } query B { users { id } }', null, { operationName: 'B' }],
  ['unknown operation name', 'query A { user { id } }', null, { operationName: 'C' }],
  // Introspection in an ordinary query
  ['__type on an enum', '{ __type(name: "Role") { kind name enumValues { name } } }'],
  ['__schema root types', '{ __schema { queryType { name } mutationType { name } subscriptionType { name } } }'],
];

const schema = g.buildSchema(SCHEMA_SDL);
const asJSON = (v) => JSON.parse(JSON.stringify(v));

const cases = CASES.map(([name, query, variables = null, extra = {}]) => {
  const rootValue = asJSON(extra.root ?? ROOT);
  const result = g.graphqlSync({
    schema,
    source: query,
    rootValue,
    variableValues: variables ?? undefined,
    operationName: extra.operationName,
  });
  const c = { name, schema_sdl: SCHEMA_SDL, root_value: rootValue, query, variables };
  if (extra.operationName !== undefined) c.operation_name = extra.operationName;
  c.response = asJSON(result);
  return c;
});

const write = (file, data) => {
  const text = typeof data === 'string' ? data : `${JSON.stringify(data, null, 1)}\n`;
  if (typeof data !== 'string') JSON.parse(text);
  fs.writeFileSync(file, text);
};
write(path.join(OUT, 'execution-shapes.json'), cases);

// The standard introspection query, exactly as getIntrospectionQuery() prints it.
const INTROSPECTION = {
  'default.graphql': undefined,
  'no-descriptions.graphql': { descriptions: false },
  'full.graphql': {
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  },
};
const dir = path.join(OUT, 'introspection');
fs.mkdirSync(dir, { recursive: true });
const index = { graphql_version: GRAPHQL_VERSION, queries: {}, example: {} };
for (const [file, options] of Object.entries(INTROSPECTION)) {
  const text = g.getIntrospectionQuery(options);
  write(path.join(dir, file), text);
  index.queries[file] = { getIntrospectionQuery_options: options ?? null };
}
// One worked answer: the default query over the execution-shapes schema.
const exampleResult = asJSON(g.graphqlSync({ schema, source: g.getIntrospectionQuery() }));
if (exampleResult.errors) throw new Error(JSON.stringify(exampleResult.errors));
write(path.join(dir, 'example-schema.graphql'), SCHEMA_SDL);
write(path.join(dir, 'example-default-response.json'), exampleResult);
index.example = {
  schema: 'example-schema.graphql',
  query: 'default.graphql',
  response: 'example-default-response.json',
};
write(path.join(dir, 'index.json'), index);

console.log(`execution-shapes: ${cases.length} cases; introspection: ${Object.keys(INTROSPECTION).length} queries`);
