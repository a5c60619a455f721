// An independent unsealer for the secrets-sealed tests: it undoes kubeseal's HybridEncrypt with node:crypto
// only (no npm packages), so the plugin's output is checked against a second implementation, not itself.
//
//   node unseal.js <private-key.pem> <label> < {"field": "<base64 sealed value>", ...}
//
// Prints {"field": "<hex of the plaintext>", ...}. Exits 1 when a value does not unseal (wrong key, wrong
// label, tampered or truncated data).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const [keyFile, label] = process.argv.slice(2);
const privateKey = fs.readFileSync(keyFile);
const sealed = JSON.parse(fs.readFileSync(0, 'utf8'));

function unseal(b64) {
  const data = Buffer.from(b64, 'base64');
  const rsaLength = data.readUInt16BE(0);
  const wrappedKey = data.subarray(2, 2 + rsaLength);
  const aesPart = data.subarray(2 + rsaLength);
  // RSA-OAEP with SHA-256; OpenSSL uses the OAEP hash for MGF1 unless told otherwise, as Go's EncryptOAEP does.
  const sessionKey = crypto.privateDecrypt(
    { key: privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256',
      oaepLabel: Buffer.from(label, 'utf8') },
    wrappedKey);
  if (sessionKey.length !== 32) throw new Error('session key is not 32 bytes');
  const tag = aesPart.subarray(aesPart.length - 16);
  const decipher = crypto.createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(aesPart.subarray(0, aesPart.length - 16)), decipher.final()]);
}

const out = {};
try {
  for (const [field, value] of Object.entries(sealed)) out[field] = unseal(value).toString('hex');
} catch (e) {
  process.stderr.write(`unseal failed: ${e.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(out) + '\n');
