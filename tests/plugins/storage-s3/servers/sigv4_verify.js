'use strict';
// Checks AWS Signature Version 4 on an incoming request, written from the S3 API reference independently of
// the plugin's C++ signer. s3rver 3.7.1 parses V4 Authorization headers but does not verify the signature
// ("Signature version 4 calculation is unimplemented" in its authentication middleware), so the test server
// puts this check in front of it: a wrong secret then gets SignatureDoesNotMatch, as from AWS.
const crypto = require('crypto');

// RFC 3986 encoding as SigV4 asks: encodeURIComponent leaves !'()* alone, SigV4 encodes them.
function strictEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

function canonicalUri(rawPath) {
  return rawPath
    .split('/')
    .map(segment => strictEncode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(rawQuery) {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter(p => p.length > 0)
    .map(p => {
      const eq = p.indexOf('=');
      const name = eq < 0 ? p : p.slice(0, eq);
      const value = eq < 0 ? '' : p.slice(eq + 1);
      return [strictEncode(decodeURIComponent(name)), strictEncode(decodeURIComponent(value))];
    });
  pairs.sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function canonicalValue(value) {
  return String(value).trim().replace(/ +/g, ' ');
}

const hmac = (key, data) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = data => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

function parseAmzDate(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text || '');
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

// Returns null when the request may go on (a valid signature, or an access key this check does not know,
// which s3rver then refuses itself with InvalidAccessKeyId), or { status, code, message } to answer with.
function verify(req, { accessKey, secret, sessionToken, region }) {
  const deny = (status, code, message) => ({ status, code, message });
  const auth = req.headers['authorization'];
  if (!auth) return deny(403, 'AccessDenied', 'Anonymous access is forbidden for this server.');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/,]+)\/(\d{8})\/([^/,]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
    auth,
  );
  if (!m) return deny(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.');
  const [, keyId, date, credentialRegion, signedHeaders, signature] = m;
  if (keyId !== accessKey) return null;
  if (credentialRegion !== region)
    return deny(400, 'AuthorizationHeaderMalformed', `The region '${credentialRegion}' is wrong; expecting '${region}'`);

  const amzDate = req.headers['x-amz-date'];
  const when = parseAmzDate(amzDate);
  if (isNaN(when) || !amzDate.startsWith(date))
    return deny(403, 'AccessDenied', 'x-amz-date is missing or does not match the credential scope date.');
  if (Math.abs(Date.now() - when) > 15 * 60 * 1000)
    return deny(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');

  const names = signedHeaders.split(';');
  const sorted = [...names].sort();
  if (names.some((n, i) => n !== sorted[i] || (i > 0 && n === names[i - 1])))
    return deny(403, 'SignatureDoesNotMatch', 'SignedHeaders must be sorted and unique.');
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date'])
    if (!names.includes(required)) return deny(403, 'AccessDenied', `The header ${required} must be signed.`);
  if (sessionToken !== undefined) {
    if (req.headers['x-amz-security-token'] !== sessionToken || !names.includes('x-amz-security-token'))
      return deny(400, 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
  }
  for (const n of names)
    if (req.headers[n] === undefined) return deny(403, 'AccessDenied', `The signed header ${n} is missing.`);

  const q = req.url.indexOf('?');
  let uri, query;
  try {
    uri = canonicalUri(q < 0 ? req.url : req.url.slice(0, q));
    query = canonicalQuery(q < 0 ? '' : req.url.slice(q + 1));
  } catch (e) {
    return deny(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
  const canonicalHeaders = names.map(n => `${n}:${canonicalValue(req.headers[n])}\n`).join('');
  const canonicalRequest = [req.method, uri, query, canonicalHeaders, signedHeaders, req.headers['x-amz-content-sha256']].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac('AWS4' + secret, date);
  key = hmac(key, region);
  key = hmac(key, 's3');
  key = hmac(key, 'aws4_request');
  const expected = hmac(key, stringToSign).toString('hex');
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
    return deny(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return null;
}

function errorXml(code, message) {
  const escape = s => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>0000</RequestId></Error>`;
}

module.exports = { verify, errorXml, strictEncode };
