'use strict';
// An S3 look-alike that misbehaves on purpose, for the retry and error-handling tests. Prints
// "listening <port>"; exits on SIGTERM or when stdin closes. Every request must carry a SigV4
// Authorization header (its signature is not checked here; s3_server.js does that).
//
// Objects (GET /<bucket>/<key>), by the key's first segments:
//   flaky-503/<n>/...   503 SlowDown for the first n attempts, then 200 with body "attempt <k>"
//   flaky-429/<n>/...   429 for the first n attempts, then 200 with body "attempt <k>"
//   always-500/...      500 InternalError every time
//   deny/...            403 AccessDenied
//   missing/...         404 NoSuchKey
//   bad-request/...     400 InvalidArgument
//   slow/<ms>/...       waits <ms>, then 200 "slow"
//   chunked/<bytes>/... 200 with <bytes> bytes sent chunked (no Content-Length)
// Listings (GET /<bucket>?list-type=2...), by bucket:
//   flaky-list     503 on the first request, then one page with two objects
//   garbage-list   200 with malformed XML
//   untruncated-token  IsTruncated true without NextContinuationToken
//   loop-list      IsTruncated true with the same token on every page
//   gone-bucket    404 NoSuchBucket
// GET /__attempts/<path> answers how many requests <path> (without query) has seen.
const http = require('http');
const { errorXml } = require('./sigv4_verify');

const attempts = new Map();

function send(res, status, body, type = 'application/xml') {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function page(keys, truncated, token) {
  const contents = keys.map(k => `<Contents><Key>${k}</Key><Size>${k.length}</Size></Contents>`).join('');
  const next = token ? `<NextContinuationToken>${token}</NextContinuationToken>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><IsTruncated>${truncated}</IsTruncated>${next}${contents}</ListBucketResult>`;
}

function listing(res, bucket, count) {
  switch (bucket) {
    case 'flaky-list':
      return count === 1 ? send(res, 503, errorXml('SlowDown', 'Please reduce your request rate.')) : send(res, 200, page(['a/1', 'a/2'], false));
    case 'garbage-list':
      return send(res, 200, '<ListBucketResult><Contents><Key>a</Key><Size>1</Size></Contents');
    case 'untruncated-token':
      return send(res, 200, page(['a/1'], true));
    case 'loop-list':
      return send(res, 200, page([`a/${count}`], true, 'same'));
    case 'gone-bucket':
      return send(res, 404, errorXml('NoSuchBucket', 'The specified bucket does not exist'));
    default:
      return send(res, 200, page([], false));
  }
}

function object(res, segments, count) {
  const [kind, arg] = segments;
  const n = Number(arg);
  switch (kind) {
    case 'flaky-503':
      return count <= n ? send(res, 503, errorXml('SlowDown', 'Please reduce your request rate.')) : send(res, 200, `attempt ${count}`, 'text/plain');
    case 'flaky-429':
      return count <= n ? send(res, 429, errorXml('TooManyRequests', 'Too many requests.')) : send(res, 200, `attempt ${count}`, 'text/plain');
    case 'always-500':
      return send(res, 500, errorXml('InternalError', 'We encountered an internal error. Please try again.'));
    case 'deny':
      return send(res, 403, errorXml('AccessDenied', 'Access Denied'));
    case 'missing':
      return send(res, 404, errorXml('NoSuchKey', 'The specified key does not exist.'));
    case 'bad-request':
      return send(res, 400, errorXml('InvalidArgument', 'Invalid Argument'));
    case 'slow':
      return setTimeout(() => send(res, 200, 'slow', 'text/plain'), n);
    case 'chunked': {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      let left = n;
      const more = () => {
        while (left > 0) {
          const part = Math.min(left, 4096);
          left -= part;
          if (!res.write('x'.repeat(part))) return res.once('drain', more);
        }
        res.end();
      };
      return more();
    }
    default:
      return send(res, 200, 'plain', 'text/plain');
  }
}

const server = http.createServer((req, res) => {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (path.startsWith('/__attempts/')) return send(res, 200, String(attempts.get(path.slice('/__attempts'.length)) || 0), 'text/plain');
  if (!String(req.headers['authorization'] || '').startsWith('AWS4-HMAC-SHA256 '))
    return send(res, 403, errorXml('AccessDenied', 'Requests must be signed with SigV4.'));
  const count = (attempts.get(path) || 0) + 1;
  attempts.set(path, count);
  const segments = path.split('/').slice(1).map(decodeURIComponent);
  if (segments.length === 1 || (segments.length === 2 && segments[1] === '')) return listing(res, segments[0], count);
  return object(res, segments.slice(1), count);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));

const stop = () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 500).unref();
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
