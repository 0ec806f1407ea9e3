// Test certificates, made fresh by openssl at every start (nothing secret is ever committed):
//  - ca:              the CA the brokers' TLS listeners are signed by (tests trust it)
//  - server:          a server certificate for 127.0.0.1 and localhost, signed by `ca`
//  - client:          a client certificate signed by `ca`, for mutual-TLS tests
//  - wrongCa:         an unrelated CA, for "untrusted server" tests
//  - untrustedClient: a client certificate signed by `wrongCa`, for "rejected client" tests
// EC P-256 keys: quick to generate and accepted by every client the project uses.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { run } from './process.mjs'

const DAYS = '30'

async function openssl(openSslPath, dir, args) {
  await run(openSslPath, args, { cwd: dir, timeoutMs: 30_000 })
}

async function makeKey(openSslPath, dir, name) {
  await openssl(openSslPath, dir, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    `${name}.key`,
  ])
}

async function makeCa(openSslPath, dir, name, commonName) {
  await makeKey(openSslPath, dir, name)
  await openssl(openSslPath, dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    `${name}.key`,
    '-sha256',
    '-days',
    DAYS,
    '-out',
    `${name}.crt`,
    '-subj',
    `/O=Brokerlens tests/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ])
}

/** A leaf certificate signed by `caName`; `extensions` are x509v3 lines for it. */
async function makeLeaf(openSslPath, dir, name, caName, commonName, extensions) {
  await makeKey(openSslPath, dir, name)
  await openssl(openSslPath, dir, [
    'req',
    '-new',
    '-key',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/O=Brokerlens tests/CN=${commonName}`,
  ])
  fs.writeFileSync(path.join(dir, `${name}.ext`), `${extensions.join('\n')}\n`)
  await openssl(openSslPath, dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${caName}.crt`,
    '-CAkey',
    `${caName}.key`,
    '-set_serial',
    `0x${crypto.randomBytes(12).toString('hex')}`,
    '-sha256',
    '-days',
    DAYS,
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.crt`,
  ])
  fs.rmSync(path.join(dir, `${name}.csr`))
  fs.rmSync(path.join(dir, `${name}.ext`))
}

function describe(dir, name) {
  const certFile = path.join(dir, `${name}.crt`)
  const keyFile = path.join(dir, `${name}.key`)
  return {
    certFile,
    keyFile,
    certPem: fs.readFileSync(certFile, 'utf8'),
    keyPem: fs.readFileSync(keyFile, 'utf8'),
  }
}

/** Generates every certificate into `dir` and returns the state file's `tls` section. */
export async function generateTls(openSslPath, dir) {
  await Promise.all([
    makeCa(openSslPath, dir, 'ca', 'Brokerlens test CA'),
    makeCa(openSslPath, dir, 'wrong-ca', 'Brokerlens unrelated CA'),
  ])
  const leafUsage = 'keyUsage=critical,digitalSignature,keyEncipherment'
  await Promise.all([
    makeLeaf(openSslPath, dir, 'server', 'ca', '127.0.0.1', [
      'basicConstraints=CA:FALSE',
      leafUsage,
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]),
    makeLeaf(openSslPath, dir, 'client', 'ca', 'brokerlens-client', [
      'basicConstraints=CA:FALSE',
      leafUsage,
      'extendedKeyUsage=clientAuth',
    ]),
    makeLeaf(openSslPath, dir, 'untrusted-client', 'wrong-ca', 'brokerlens-untrusted-client', [
      'basicConstraints=CA:FALSE',
      leafUsage,
      'extendedKeyUsage=clientAuth',
    ]),
  ])
  for (const file of fs.readdirSync(dir)) if (file.endsWith('.key')) fs.chmodSync(path.join(dir, file), 0o600)
  return {
    dir,
    ca: describe(dir, 'ca'),
    server: describe(dir, 'server'),
    client: describe(dir, 'client'),
    wrongCa: describe(dir, 'wrong-ca'),
    untrustedClient: describe(dir, 'untrusted-client'),
  }
}
