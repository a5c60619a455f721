'use strict';
// Serves an s3rver data directory on a free loopback port, with SigV4 signatures checked in front
// (see sigv4_verify.js). Prints "listening <port>" once ready; exits on SIGTERM or when stdin closes, so a
// test that dies leaves no server behind.
//
// Run it as `node --openssl-legacy-provider`: s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with
// DES, which OpenSSL 3 only offers through its legacy provider (without it, page two answers 500).
//
//   node --openssl-legacy-provider s3_server.js --dir DIR --access-key ID --secret KEY [--session-token T] [--region us-east-1]
const http = require('http');
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');
const { verify, errorXml } = require('./sigv4_verify');

function args() {
  const out = { region: 'us-east-1' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '').replace(/-(.)/g, (_, c) => c.toUpperCase())] = argv[i + 1];
  for (const required of ['dir', 'accessKey', 'secret']) if (!out[required]) throw new Error(`s3_server.js: --${required} is required`);
  return out;
}

const a = args();
// s3rver keeps its accounts in a registry; the key pair the tests sign with must be in it.
DUMMY_ACCOUNT.createKeyPair(a.accessKey, a.secret);
const s3 = new S3rver({ silent: true, directory: a.dir, vhostBuckets: false });
const handle = s3.callback();
const options = { accessKey: a.accessKey, secret: a.secret, sessionToken: a.sessionToken, region: a.region };

const server = http.createServer((req, res) => {
  const refusal = verify(req, options);
  if (!refusal) return handle(req, res);
  res.writeHead(refusal.status, { 'Content-Type': 'application/xml' });
  res.end(errorXml(refusal.code, refusal.message));
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));

const stop = () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 500).unref();
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
