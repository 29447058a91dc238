'use strict';
/**
 * A private Samba Active Directory domain controller for the tests (as root, Debian packages `samba
 * samba-dsdb-modules samba-vfs-modules samba-ad-provision ldb-tools`): see ../../../shared/RECIPES.md ("Active
 * Directory"). Samba's LDAP ports are fixed (389, 636, 3268, 3269), so one DC runs on a machine at a time; it is
 * bound to 127.0.0.1 only.
 *
 * Provisioning takes ~6 s, so a provisioned template is cached under os.tmpdir() keyed by the Samba version and
 * TEMPLATE_VERSION below; each start copies the template into the caller's folder (fixing the paths in smb.conf)
 * and starts `samba -i -M single` with stdin from a pipe: samba exits on that pipe's EOF, so a DC never outlives
 * the process that started it, even after kill -9.
 *
 * `ldap server require strong auth = no` is set because the tests also exercise simple bind over plain ldap:// on
 * 389 (the product refuses that unless LDAP_ALLOW_PLAIN_BIND=true, and a test proves the refusal).
 *
 *   node scripts/test/samba.js start DIR   starts a DC from DIR (created), prints its facts as shell exports, and
 *                                          keeps running until SIGTERM/SIGINT (for a development DC)
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const TEMPLATE_VERSION = 1;
const REALM = 'COMUNE.TEST';
const DOMAIN = 'COMUNE';
const BASE_DN = 'DC=comune,DC=test';
const PORTS = [389, 636, 3268, 3269];
const SAMBA_PACKAGES = ['samba', 'samba-dsdb-modules', 'samba-vfs-modules', 'samba-ad-provision', 'ldb-tools'];
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function sambaInstalled() {
  return (
    fs.existsSync('/usr/bin/samba-tool') && fs.existsSync('/usr/sbin/samba') && spawnSync('sh', ['-c', 'command -v ldbadd'], { stdio: 'ignore' }).status === 0
  );
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Why a DC cannot run here, or null when it can. */
function sambaUnavailableReason() {
  if (!isRoot()) return 'the Samba AD DC needs root (its LDAP ports are fixed below 1024)';
  if (!sambaInstalled()) return `missing Debian packages: ${SAMBA_PACKAGES.join(' ')}`;
  return null;
}

function sambaVersion() {
  const r = spawnSync('/usr/sbin/samba', ['-V'], { encoding: 'utf8' });
  return (r.stdout || 'unknown').trim().replace(/^Version\s+/, '');
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || '').slice(-2000)}`);
  return r.stdout;
}

/** A CA and a server certificate for 127.0.0.1/localhost (the certificate provision makes has no SAN). */
function makeTls(tlsDir) {
  fs.mkdirSync(tlsDir, { recursive: true });
  const o = (args) => run('openssl', args, { cwd: tlsDir });
  o([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=Test AD CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  o(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'dc.key', '-out', 'dc.csr']);
  fs.writeFileSync(path.join(tlsDir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  o(['x509', '-req', '-in', 'dc.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '3650', '-extfile', 'ext.cnf', '-out', 'dc.pem']);
  fs.chmodSync(path.join(tlsDir, 'dc.key'), 0o600);
  fs.chmodSync(path.join(tlsDir, 'ca.key'), 0o600);
}

function provision(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  makeTls(path.join(dir, 'tls'));
  // Complexity rules of AD: upper, lower, digit and symbol.
  const adminPassword = `Adm1n!${crypto.randomBytes(9).toString('base64url')}`;
  const started = Date.now();
  run(PYTHON, [
    '/usr/bin/samba-tool',
    'domain',
    'provision',
    `--realm=${REALM}`,
    `--domain=${DOMAIN}`,
    '--server-role=dc',
    '--dns-backend=NONE',
    '--use-rfc2307',
    `--adminpass=${adminPassword}`,
    `--targetdir=${dir}`,
    '--option=interfaces=127.0.0.1',
    '--option=bind interfaces only=yes',
    '--option=server services=ldap',
    `--option=log file=${dir}/log/log.%m`,
    `--option=pid directory=${dir}/run`,
    `--option=ncalrpc dir=${dir}/run/ncalrpc`,
    `--option=winbindd socket directory=${dir}/run/winbindd`,
    `--option=tls keyfile=${dir}/tls/dc.key`,
    `--option=tls certfile=${dir}/tls/dc.pem`,
    `--option=tls cafile=${dir}/tls/ca.pem`,
  ]);
  const conf = path.join(dir, 'etc', 'smb.conf');
  // provision does not write this option: simple binds over plain ldap:// (the tests prove the product refuses them)
  fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace(/^\[global\]$/m, '[global]\n\tldap server require strong auth = no'));
  fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'facts.json'), JSON.stringify({ adminPassword, provisionedIn: Date.now() - started, dir }), { mode: 0o600 });
}

/** The cached, provisioned template (made once per Samba version and TEMPLATE_VERSION). */
function templateDir(log) {
  const dir = path.join(os.tmpdir(), `rw-samba-template-v${TEMPLATE_VERSION}-${sambaVersion().replace(/[^A-Za-z0-9.-]/g, '_')}`);
  if (fs.existsSync(path.join(dir, 'facts.json'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  log?.(`provisioning a Samba AD DC template in ${dir} (once, ~10 s)`);
  provision(building);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  // smb.conf names the folder it was provisioned in; copies rewrite it.
  return dir;
}

function copyTemplate(template, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  execFileSync('cp', ['-a', '--reflink=auto', template, dir]);
  const facts = JSON.parse(fs.readFileSync(path.join(dir, 'facts.json'), 'utf8'));
  const conf = path.join(dir, 'etc', 'smb.conf');
  fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').split(facts.dir).join(dir));
  fs.rmSync(path.join(dir, 'run'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'log'), { recursive: true });
  return { conf, adminPassword: facts.adminPassword };
}

/** Waits until the DC answers an LDAP rootDSE read on 389 (not only accepts TCP). */
async function waitForLdap(child, outFile, timeoutMs = 20000) {
  const { Client } = require('ldapts');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `samba exited (${child.exitCode ?? child.signalCode}) before answering: ${fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8').slice(-2000) : ''}`,
      );
    }
    const client = new Client({ url: 'ldap://127.0.0.1:389', timeout: 1000, connectTimeout: 500 });
    try {
      const { searchEntries } = await client.search('', { scope: 'base', attributes: ['highestCommittedUSN'] });
      if (searchEntries.length === 1) return;
    } catch {
      /* not yet */
    } finally {
      await client.unbind().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`the Samba DC did not answer on 127.0.0.1:389 within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a DC in `dir` (its own copy of the template). Returns its facts and stop(), which resolves when samba has
 * exited (the ports are free again).
 */
async function startSambaDc(dir, { log } = {}) {
  const why = sambaUnavailableReason();
  if (why) throw new Error(why);
  for (const port of PORTS) {
    if (await portOpen(port)) throw new Error(`127.0.0.1:${port} is already taken (another Samba DC running? one at a time: its ports are fixed)`);
  }
  const template = templateDir(log);
  const t0 = Date.now();
  const { conf, adminPassword } = copyTemplate(template, dir);
  const outFile = path.join(dir, 'log', 'samba.stdout');
  const out = fs.openSync(outFile, 'a');
  // stdin is a pipe that only we hold: samba exits on its EOF, i.e. when this process ends for any reason.
  const child = spawn('/usr/sbin/samba', ['-i', '-M', 'single', '-s', conf], { stdio: ['pipe', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitForLdap(child, outFile);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  log?.(`Samba AD DC ready in ${Date.now() - t0} ms (pid ${child.pid}, ${dir})`);
  let stopped = false;
  const stop = () => {
    if (!stopped) {
      stopped = true;
      child.kill('SIGTERM');
      child.stdin.destroy();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      timer.unref();
      exited.then(() => clearTimeout(timer));
    }
    return exited;
  };
  return {
    url: 'ldap://127.0.0.1:389',
    ldapsUrl: 'ldaps://127.0.0.1:636',
    baseDn: BASE_DN,
    realm: REALM,
    domain: DOMAIN,
    adminDn: `CN=Administrator,CN=Users,${BASE_DN}`,
    adminPassword,
    caFile: path.join(dir, 'tls', 'ca.pem'),
    dir,
    samLdb: path.join(dir, 'private', 'sam.ldb'),
    conf,
    pid: child.pid,
    stop,
  };
}

/** The facts as the environment variables the tests read (TEST_AD_*). */
function sambaEnv(dc) {
  return {
    TEST_AD_URL: dc.url,
    TEST_AD_LDAPS_URL: dc.ldapsUrl,
    TEST_AD_BASE_DN: dc.baseDn,
    TEST_AD_REALM: dc.realm,
    TEST_AD_DOMAIN: dc.domain,
    TEST_AD_ADMIN_DN: dc.adminDn,
    TEST_AD_ADMIN_PASSWORD: dc.adminPassword,
    TEST_AD_CA_FILE: dc.caFile,
  };
}

const SAMBA_ENV_KEYS = Object.keys(sambaEnv({}));

/** The DC the environment already names (a development DC started with `samba.js start`), or null. */
function sambaFromEnv(env = process.env) {
  return SAMBA_ENV_KEYS.every((k) => env[k]) ? Object.fromEntries(SAMBA_ENV_KEYS.map((k) => [k, env[k]])) : null;
}

module.exports = { startSambaDc, sambaEnv, sambaFromEnv, sambaUnavailableReason, sambaInstalled, SAMBA_PACKAGES, SAMBA_ENV_KEYS, REALM, DOMAIN, BASE_DN };

if (require.main === module) {
  const [cmd, dirArg] = process.argv.slice(2);
  if (cmd !== 'start' || !dirArg) {
    process.stderr.write('usage: node scripts/test/samba.js start DIR\n');
    process.exit(2);
  }
  const log = (m) => process.stderr.write(`[samba] ${m}\n`);
  startSambaDc(path.resolve(dirArg), { log }).then(
    (dc) => {
      const q = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
      const lines = Object.entries(sambaEnv(dc)).map(([k, v]) => `export ${k}=${q(v)}`);
      lines.push(`export TEST_AD_PID=${dc.pid}`, `export TEST_AD_DIR=${q(dc.dir)}`);
      process.stdout.write(lines.join('\n') + '\n');
      const end = () => dc.stop().then(() => process.exit(0));
      process.on('SIGTERM', end);
      process.on('SIGINT', end);
    },
    (err) => {
      log(err.message);
      process.exit(1);
    },
  );
}
