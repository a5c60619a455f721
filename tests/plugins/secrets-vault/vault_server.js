// A local test server for the secrets-vault suite. It is NOT Vault: it implements, on 127.0.0.1, the
// documented answers of Vault's KV version 2 read endpoint (GET /v1/<mount>/data/<path>) that the plugin
// must handle, over HTTPS and plain HTTP at once. Only node: modules, no npm packages.
//
//   node vault_server.js <config.json>
//   config: {"cert", "key": PEM files; "token": the accepted X-Vault-Token; "namespace": the namespace
//            /team/ needs; "values": {field: value} of the readable secret; "log": a file to append to}
//
// Prints {"https": <port>, "http": <port>} once both listen. Appends one line per request to the log:
// "<path> ns=<namespace or -> token=<ok|bad|none>" (never the token itself).
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const seen = new Map(); // path -> requests so far, for the "first fails, then succeeds" routes

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

// A successful KV v2 read, shaped as Vault documents it.
function secret(data) {
  return { request_id: 'test', lease_id: '', renewable: false, lease_duration: 0,
           data: { data, metadata: { created_time: '2025-01-01T00:00:00Z', custom_metadata: null,
                                     deletion_time: '', destroyed: false, version: 3 } },
           wrap_info: null, warnings: null, auth: null };
}

function handle(req, res) {
  const url = new URL(req.url, 'http://placeholder');
  const path = decodeURIComponent(url.pathname);
  const token = req.headers['x-vault-token'];
  const ns = req.headers['x-vault-namespace'];
  const tokenState = token === undefined ? 'none' : token === config.token ? 'ok' : 'bad';
  fs.appendFileSync(config.log, `${path} ns=${ns || '-'} token=${tokenState}\n`);
  const count = (seen.get(path) || 0) + 1;
  seen.set(path, count);

  if (tokenState !== 'ok') return send(res, 403, { errors: ['permission denied'] });
  const match = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(path);
  if (!match) return send(res, 404, { errors: [] });
  const [, mount, name] = match;
  const route = mount === 'secret' || mount === 'kv' ? name : '';

  if (route === 'ssmd/kalshi' || route === 'ssmd/kalshi@prod') return send(res, 200, secret(config.values));
  if (route === 'forbidden')
    return send(res, 403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] });
  if (route === 'deleted')
    return send(res, 404, { data: { data: null, metadata: { created_time: '2025-01-01T00:00:00Z',
      custom_metadata: null, deletion_time: '2025-02-03T04:05:06Z', destroyed: false, version: 4 } } });
  if (route === 'destroyed')
    return send(res, 404, { data: { data: null, metadata: { created_time: '2025-01-01T00:00:00Z',
      custom_metadata: null, deletion_time: '2025-02-03T04:05:06Z', destroyed: true, version: 5 } } });
  if (route.startsWith('flaky-412/'))
    return count === 1 ? send(res, 412, { errors: ['required index state not present'] })
                       : send(res, 200, secret(config.values));
  if (route.startsWith('flaky-503/'))
    return count === 1 ? send(res, 503, { errors: ['Vault is sealed'] }) : send(res, 200, secret(config.values));
  if (route === 'sealed') return send(res, 503, { errors: ['Vault is sealed'] });
  if (route === 'not-implemented') return send(res, 501, { errors: ['Vault is not initialized'] });
  if (route === 'bad-request') return send(res, 400, { errors: ['invalid request: no data provided'] });
  if (route === 'team')
    return ns === config.namespace ? send(res, 200, secret(config.values))
                                   : send(res, 404, { errors: ['no handler for route "secret/data/team"'] });
  if (route === 'kv1-shape') return send(res, 200, { data: config.values });
  if (route === 'empty') return send(res, 200, secret({ ...config.values, api_key: '' }));
  if (route === 'typed')
    return send(res, 200, secret({ api_key: 12345, api_secret: { nested: config.values.api_secret } }));
  if (route === 'warned') {
    const body = secret(config.values);
    body.warnings = ['Endpoint ignored these unrecognized parameters: [x]'];
    return send(res, 200, body);
  }
  if (route === 'garbage') return send(res, 200, 'not json {');
  if (route === 'redirect')
    return send(res, 307, '', { Location: 'https://vault-active.example.com:8200' + req.url });
  if (route === 'slow') return setTimeout(() => send(res, 200, secret(config.values)), 3000);
  return send(res, 404, { errors: [] });
}

const tls = https.createServer({ cert: fs.readFileSync(config.cert), key: fs.readFileSync(config.key) }, handle);
const plain = http.createServer(handle);
tls.listen(0, '127.0.0.1', () => {
  plain.listen(0, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ https: tls.address().port, http: plain.address().port }) + '\n');
  });
});
// The test process stops the server by its pid; should that process die first, standard input (a pipe it
// holds open) reaches its end and the server goes too.
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
