'use strict';
// Fills an s3rver data directory over HTTP: starts s3rver on a free loopback port, creates the bucket and
// PUTs every object, then stops. Test and benchmark servers then serve the directory.
//
//   node seed.js --dir DIR --bucket NAME --feed kalshi --from 2024-01-01 --days 410 [--skip 2024-02-29,...] [--extras]
const fs = require('fs');
const http = require('http');
const S3rver = require('s3rver');
const { days, manifestKey, manifest } = require('./manifests');
const { strictEncode } = require('./sigv4_verify');

function args() {
  const out = { skip: [], extras: false };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'extras') out.extras = true;
    else if (name === 'skip') out.skip = argv[++i].split(',');
    else out[name] = argv[++i];
  }
  for (const required of ['dir', 'bucket', 'feed', 'from', 'days'])
    if (!out[required]) throw new Error(`seed.js: --${required} is required`);
  return out;
}

// A feed, `flaky`, with a day of every kind the command-line tests need, in two trees: raw at the bucket's
// root and normalized under `normalized/`.
//   2025-03-01  raw and normalized, each with a gap (the raw one still open)
//   2025-03-02  raw invalid: quality_score 1.5
//   2025-03-03  raw over 1 MiB: refused, not parsed
//   2025-03-04  normalized only: the raw manifest is missing
//   2025-03-05  nothing
function flaky() {
  const gap = resolved => [
    { start: '2025-03-01T10:00:00Z', end: '2025-03-01T10:05:30Z', type: 'disconnect', resolved },
  ];
  return [
    [manifestKey('flaky', '2025-03-01'), manifest('flaky', '2025-03-01', { status: 'partial', quality_score: 0.9, gaps: gap(false) })],
    [`normalized/${manifestKey('flaky', '2025-03-01')}`, manifest('flaky', '2025-03-01', { quality_score: 0.97, gaps: gap(true) })],
    [manifestKey('flaky', '2025-03-02'), manifest('flaky', '2025-03-02', { quality_score: 1.5 })],
    [manifestKey('flaky', '2025-03-03'), manifest('flaky', '2025-03-03', { padding: 'x'.repeat(1100 * 1024) })],
    [`normalized/${manifestKey('flaky', '2025-03-04')}`, manifest('flaky', '2025-03-04')],
  ];
}

// Objects the test suite needs besides the feed's manifests: keys that need URI encoding and entity
// decoding, a neighbour folder sharing the feed's name as a prefix, a second feed, and a large object.
function extras() {
  const out = [];
  for (const key of [
    'odd/a&b <c>+d e.json',
    'odd/ünïcode 日本.json',
    "odd/quote\"'s.json",
    'odd/percent%20literal.json',
    'odd/tilde~star*(1)!.json',
  ])
    out.push([key, `content of ${key}`]);
  for (const date of days('2024-01-01', 3)) out.push([manifestKey('kalshi-archive', date), manifest('kalshi-archive', date)]);
  for (const date of days('2025-01-01', 10)) out.push([manifestKey('polymarket', date), manifest('polymarket', date)]);
  out.push(['big/large.bin', 'x'.repeat(200 * 1024)]);
  out.push(...flaky());
  return out;
}

function put(port, bucket, key, body) {
  const path = '/' + bucket + '/' + key.split('/').map(strictEncode).join('/');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path, headers: { 'Content-Length': Buffer.byteLength(body) } },
      res => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${key}: ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const a = args();
  fs.rmSync(a.dir, { recursive: true, force: true });
  fs.mkdirSync(a.dir, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: a.dir,
    vhostBuckets: false,
    configureBuckets: [{ name: a.bucket }],
  });
  const { port } = await server.run();
  const skip = new Set(a.skip);
  const objects = days(a.from, Number(a.days))
    .filter(d => !skip.has(d))
    .map(d => [manifestKey(a.feed, d), manifest(a.feed, d)]);
  if (a.extras) objects.push(...extras());

  const started = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < objects.length) {
      const [key, body] = objects[next++];
      await put(port, a.bucket, key, body);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await server.close();
  process.stdout.write(`seeded ${objects.length} objects into ${a.bucket} in ${Date.now() - started} ms\n`);
}

main().catch(e => {
  process.stderr.write(`seed.js: ${e.stack || e}\n`);
  process.exit(1);
});
