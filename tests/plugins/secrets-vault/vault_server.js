// A local test server for the secrets-vault suites. It is NOT Vault: it is a local implementation, on
// 127.0.0.1, of the answers Vault's API documentation gives for the endpoints the plugin uses, over HTTPS and
// plain HTTP at once, plus a listener that behaves as a Vault Agent with `use_auto_auth_token` does. Only
// node: modules, no npm packages. The documented shapes it follows:
//   KV v2 read       GET  /v1/<mount>/data/<path>[?version=N]   data.data, data.metadata (created_time, version, ...)
//   KV v1 read       GET  /v1/<mount>/<path>                    data
//   KV version       GET  /v1/sys/internal/ui/mounts/<mount>/<path>   data.path, data.type, data.options.version
//   AppRole login    POST /v1/auth/<mount>/login {"role_id", "secret_id"}  -> auth.client_token
//   Kubernetes login POST /v1/auth/<mount>/login {"role", "jwt"}          -> auth.client_token
//   JWT login        POST /v1/auth/<mount>/login {"role"?, "jwt"}         -> auth.client_token
// and errors as {"errors": [...]} with the statuses Vault uses (400, 403, 404, 412, 5xx).
//
//   node vault_server.js <config.json>
//   config: {"cert", "key": PEM files; "token": the token accepted for reads; "login_token": the token every
//            successful login issues (also accepted for reads); "namespace": the namespace /team/ needs;
//            "values": {field: value} of the readable secrets; "role_id", "secret_id", "k8s_role", "k8s_jwt",
//            "jwt_role", "ci_jwt": the credentials the logins accept; "log": a file to append to}
//
// Prints {"https": <port>, "http": <port>, "agent": <port>} once all listen. Appends one line per request to
// the log: "<path> ns=<namespace or -> token=<ok|bad|none|injected>[ body=<keys of a JSON body>]" (never a
// token, credential or value).
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const seen = new Map(); // path -> requests so far, for the "first fails, then succeeds" routes
const DAY = 86400 * 1000;

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

// A successful KV v2 read, shaped as Vault documents it.
function secret(data, created = '2025-01-01T00:00:00Z', version = 3) {
  return { request_id: 'test', lease_id: '', renewable: false, lease_duration: 0,
           data: { data, metadata: { created_time: created, custom_metadata: null,
                                     deletion_time: '', destroyed: false, version } },
           wrap_info: null, warnings: null, auth: null };
}

// A successful login, shaped as the AppRole, Kubernetes and JWT login documentation shows it.
function login(metadata) {
  return { request_id: 'test', lease_id: '', renewable: false, lease_duration: 0, data: null, wrap_info: null,
           warnings: null,
           auth: { client_token: config.login_token, accessor: 'accessor-test', policies: ['default', 'ssmd'],
                   token_policies: ['default', 'ssmd'], metadata, lease_duration: 1200, renewable: true } };
}

// The KV version of each mount the tests use; a mount not named here has no KV engine (Vault answers 400
// there); `oldvault` stands for a Vault too old to have the endpoint (404); `shut` for a token without access.
const kvVersions = { secret: '2', kv: '2', legacy: '1', legacy2: '', oldvault: null };

function preflight(res, mount) {
  if (mount === 'shut')
    return send(res, 403, { errors: [`preflight capability check returned 403, please ensure client's policies grant access to path "${mount}/"`] });
  if (mount === 'oldvault') return send(res, 404, { errors: [] });
  if (!(mount in kvVersions)) return send(res, 400, { errors: [`no mount found for path "${mount}/"`] });
  const version = kvVersions[mount];
  return send(res, 200, { request_id: 'test', lease_id: '', renewable: false, lease_duration: 0,
                          data: { accessor: 'kv_test', config: { default_lease_ttl: 0, max_lease_ttl: 0 },
                                  description: '', external_entropy_access: false, local: false,
                                  options: version === '' ? null : { version }, path: `${mount}/`, seal_wrap: false,
                                  type: 'kv', uuid: 'test' },
                          wrap_info: null, warnings: null, auth: null });
}

function handleLogin(res, mount, body) {
  // A server that echoes what it was sent in its errors: not something Vault does, but a proxy or a
  // misconfigured server might, and ssmd must not print what it echoes.
  if (mount === 'echo')
    return send(res, 400, { errors: [`invalid credentials: ${JSON.stringify(body)}`] });
  if (mount === 'approle' || mount === 'ci-approle') {
    if (!body.role_id) return send(res, 400, { errors: ['missing role_id'] });
    if (body.role_id !== config.role_id || body.secret_id !== config.secret_id)
      return send(res, 400, { errors: ['invalid role or secret ID'] });
    return send(res, 200, login({ role_name: 'ssmd' }));
  }
  if (mount === 'kubernetes') {
    if (!body.role) return send(res, 400, { errors: ['missing role'] });
    if (!body.jwt) return send(res, 400, { errors: ['missing jwt'] });
    if (body.role !== config.k8s_role) return send(res, 400, { errors: [`invalid role name "${body.role}"`] });
    if (body.jwt !== config.k8s_jwt) return send(res, 403, { errors: ['permission denied'] });
    return send(res, 200, login({ role: body.role, service_account_name: 'ssmd', service_account_namespace: 'ssmd' }));
  }
  if (mount === 'jwt') {
    if (!body.jwt) return send(res, 400, { errors: ['missing token'] });
    const role = body.role || config.jwt_role; // the auth method's default_role
    if (role !== config.jwt_role) return send(res, 400, { errors: [`role "${role}" could not be found`] });
    if (body.jwt !== config.ci_jwt)
      return send(res, 400, { errors: ['error validating token: failed to verify id token signature'] });
    return send(res, 200, login({ role }));
  }
  return send(res, 405, { errors: ['1 error occurred:\n\t* unsupported operation\n\n'] });
}

function handleRead(res, req, url, path, ns) {
  const match = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(path);
  const v1 = /^\/v1\/(legacy|legacy2|oldvault)\/(.+)$/.exec(path);
  if (v1) return v1[2] === 'ssmd/kalshi' ? send(res, 200, { auth: null, data: config.values, lease_duration: 2764800,
                                                         lease_id: '', renewable: false })
                                         : send(res, 404, { errors: [] });
  if (!match) return send(res, 404, { errors: [] });
  const [, mount, name] = match;
  const route = mount === 'secret' || mount === 'kv' ? name : '';
  const count = seen.get(path) || 0;
  const version = url.searchParams.get('version');

  if (route === 'ssmd/kalshi' && version !== null) {
    // Versions 1 to 3 exist; version 2's values differ from the latest (3), and version 1 was destroyed.
    if (version === '2')
      return send(res, 200, secret({ api_key: 'v2-' + config.values.api_key, api_secret: 'v2-' + config.values.api_secret },
                                   '2024-06-01T12:00:00.123456789Z', 2));
    if (version === '3') return send(res, 200, secret(config.values));
    if (version === '1')
      return send(res, 404, { data: { data: null, metadata: { created_time: '2024-01-01T00:00:00Z',
        custom_metadata: null, deletion_time: '2024-02-01T00:00:00Z', destroyed: true, version: 1 } } });
    return send(res, 404, { errors: [] });
  }
  if (route === 'ssmd/kalshi' || route === 'ssmd/kalshi@prod') return send(res, 200, secret(config.values));
  const aged = /^aged\/(\d+)$/.exec(route);
  if (aged) return send(res, 200, secret(config.values, new Date(Date.now() - Number(aged[1]) * DAY).toISOString()));
  if (route === 'forbidden')
    return send(res, 403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] });
  if (route === 'echo-token')
    return send(res, 403, { errors: [`permission denied for token ${req.headers['x-vault-token']}`] });
  if (route === 'echo-values')
    return send(res, 400, { errors: [`cannot store ${config.values.api_key} next to ${config.values.api_secret}`] });
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
  if (route === 'huge') return send(res, 200, '{"data": {"data": {"api_key": "' + 'x'.repeat(5 << 20) + '"}}}');
  if (route === 'redirect')
    return send(res, 307, '', { Location: 'https://vault-active.example.com:8200' + req.url });
  if (route === 'slow') return setTimeout(() => send(res, 200, secret(config.values)), 3000);
  if (route === 'hang') return; // accepted, never answered; the socket stays open until the client leaves
  return send(res, 404, { errors: [] });
}

function handle(req, res, agent = false) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://placeholder');
    const path = decodeURIComponent(url.pathname);
    let token = req.headers['x-vault-token'];
    let tokenState = token === undefined ? 'none' : token === config.token || token === config.login_token ? 'ok' : 'bad';
    // A Vault Agent with use_auto_auth_token adds its own token to requests that carry none.
    if (agent && token === undefined) {
      token = config.token;
      tokenState = 'injected';
    }
    const ns = req.headers['x-vault-namespace'];
    let body = {};
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw) {
      try { body = JSON.parse(raw); } catch (e) { return send(res, 400, { errors: ['failed to parse JSON input'] }); }
    }
    const keys = raw ? ` body=${Object.keys(body).join(',')}` : '';
    fs.appendFileSync(config.log, `${path}${url.search} ns=${ns || '-'} token=${tokenState}${keys}\n`);
    seen.set(path, (seen.get(path) || 0) + 1);

    const loginMatch = /^\/v1\/auth\/(.+)\/login$/.exec(path);
    if (loginMatch) {
      if (req.method !== 'POST' && req.method !== 'PUT') return send(res, 405, { errors: [] });
      return handleLogin(res, loginMatch[1], body);
    }
    if (tokenState === 'none' || tokenState === 'bad') return send(res, 403, { errors: ['permission denied'] });
    const pre = /^\/v1\/sys\/internal\/ui\/mounts\/([^/]+)(\/.*)?$/.exec(path);
    if (pre) return preflight(res, pre[1]);
    return handleRead(res, req, url, path, ns);
  });
}

const tls = https.createServer({ cert: fs.readFileSync(config.cert), key: fs.readFileSync(config.key) }, (q, s) => handle(q, s));
const plain = http.createServer((q, s) => handle(q, s));
const agentListener = http.createServer((q, s) => handle(q, s, true));
tls.listen(0, '127.0.0.1', () => {
  plain.listen(0, '127.0.0.1', () => {
    agentListener.listen(0, '127.0.0.1', () => {
      process.stdout.write(JSON.stringify({ https: tls.address().port, http: plain.address().port,
                                            agent: agentListener.address().port }) + '\n');
    });
  });
});
// The test process stops the server by its pid; should that process die first, standard input (a pipe it
// holds open) reaches its end and the server goes too.
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
