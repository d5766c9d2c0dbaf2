// parse_bench.mjs: graphql-js 17 parse() throughput on the benchmark inputs, the
// reference for parse_bench.cc. Same protocol and output format:
// node parse_bench.mjs [--min-seconds S] [--min-runs N] FILE...
//   graphql-js <file name> <bytes> <runs> <best MB/s> <median MB/s>
// Bytes are UTF-8 bytes of the file (the C++ side's unit), parse() gets the string.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, version } from 'graphql';

let minSeconds = 1.0;
let minRuns = 20;
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--min-seconds' && i + 1 < args.length) minSeconds = Number(args[++i]);
  else if (args[i] === '--min-runs' && i + 1 < args.length) minRuns = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node parse_bench.mjs [--min-seconds S] [--min-runs N] FILE...');
  process.exit(2);
}
if (version !== '17.1.0') {
  console.error(`parse_bench.mjs: expected graphql 17.1.0, found ${version}`);
  process.exit(1);
}

let sink = 0; // keeps the result alive so the parse cannot be optimised away
for (const path of files) {
  const bytes = readFileSync(path);
  const source = bytes.toString('utf8');
  // Warm-up: let the JIT compile the parser before timing (a few parses).
  const warmUntil = performance.now() + 1000 * Math.min(minSeconds, 1);
  do sink += parse(source).definitions.length;
  while (performance.now() < warmUntil);
  const seconds = [];
  const begin = performance.now();
  while (seconds.length < minRuns || (performance.now() - begin) / 1000 < minSeconds) {
    const t0 = performance.now();
    const doc = parse(source);
    const t1 = performance.now();
    sink += doc.definitions.length;
    seconds.push((t1 - t0) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const mb = bytes.length / 1e6;
  const median = seconds[Math.floor(seconds.length / 2)];
  console.log(['graphql-js', basename(path), bytes.length, seconds.length,
    (mb / seconds[0]).toFixed(1), (mb / median).toFixed(1)].join('\t'));
}
if (sink < 0) console.log(sink);
