'use strict';
/**
 * Private test services: a Redis and an OpenLDAP (slapd) on free 127.0.0.1 ports, in a temp folder, stopped
 * at the end of the run. When run as root and the Debian packages are missing, they are installed first.
 */
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const PACKAGES = {
  'redis-server': 'redis-server',
  slapd: 'slapd',
  ldapsearch: 'ldap-utils',
  openssl: 'openssl',
  easyrsa: 'easy-rsa',
  openvpn: 'openvpn',
  nft: 'nftables',
  chromium: 'chromium',
  // the Samba AD DC of the directory tests (scripts/test/samba.js)
  'samba-tool': 'samba',
  ldbadd: 'ldb-tools',
  'dpkg:samba-dsdb-modules': 'samba-dsdb-modules',
  'dpkg:samba-vfs-modules': 'samba-vfs-modules',
  'dpkg:samba-ad-provision': 'samba-ad-provision',
};

function has(bin) {
  if (bin === 'easyrsa') return fs.existsSync('/usr/share/easy-rsa/easyrsa');
  if (bin === 'slapd') return fs.existsSync('/usr/sbin/slapd');
  if (bin.startsWith('dpkg:'))
    return /install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', bin.slice(5)], { encoding: 'utf8' }).stdout ?? '');
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function ensurePackages(log) {
  const missing = [
    ...new Set(
      Object.entries(PACKAGES)
        .filter(([bin]) => !has(bin))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    log(`missing Debian packages: ${missing.join(' ')} (run as root to install them, or install them yourself); tests that need them will fail`);
    return;
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('sh', ['-c', 'echo "slapd slapd/no_configuration boolean true" | debconf-set-selections'], { stdio: 'inherit', env });
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  }
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

async function startRedis(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: 'ignore',
  });
  await waitForPort(port);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => child.kill('SIGTERM'), pid: child.pid };
}

const LDAP_SUFFIX = 'dc=example,dc=org';
const LDAP_ADMIN_DN = `cn=admin,${LDAP_SUFFIX}`;

/**
 * slapd.conf for a private OpenLDAP under `dir` (mdb database in `dataDir`, admin `cn=admin,dc=example,dc=org` with
 * the password whose slappasswd hash is given); returns its path. Shared with the directory-sync benchmark, which
 * loads its entries offline with slapadd before starting slapd.
 */
function writeSlapdConf(dir, dataDir, hash) {
  const conf = path.join(dir, 'slapd.conf');
  fs.writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'include /etc/ldap/schema/nis.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      'sizelimit 500',
      'database mdb',
      'maxsize 1073741824',
      `suffix "${LDAP_SUFFIX}"`,
      `rootdn "${LDAP_ADMIN_DN}"`,
      `rootpw ${hash}`,
      `directory ${dataDir}`,
      'index objectClass,uid,member,entryUUID,memberUid eq',
      `limits dn.exact="${LDAP_ADMIN_DN}" size=unlimited size.pr=unlimited size.prtotal=unlimited`,
      'limits group/groupOfNames/member="cn=sync-accounts,ou=groups,dc=example,dc=org" size=unlimited size.pr=unlimited size.prtotal=unlimited',
      'access to attrs=userPassword by self write by anonymous auth by * none',
      'access to * by * read',
      '',
    ].join('\n'),
  );
  return conf;
}

async function startSlapd(dir) {
  const password = 'admin-' + Math.random().toString(36).slice(2);
  const hash = execFileSync('slappasswd', ['-s', password]).toString().trim();
  const dataDir = path.join(dir, 'ldap-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const conf = writeSlapdConf(dir, dataDir, hash);
  const ldif = path.join(dir, 'base.ldif');
  fs.writeFileSync(
    ldif,
    [
      `dn: ${LDAP_SUFFIX}`,
      'objectClass: dcObject',
      'objectClass: organization',
      'o: Comune di Test',
      'dc: example',
      '',
      `dn: ou=people,${LDAP_SUFFIX}`,
      'objectClass: organizationalUnit',
      'ou: people',
      '',
      `dn: ou=groups,${LDAP_SUFFIX}`,
      'objectClass: organizationalUnit',
      'ou: groups',
      '',
    ].join('\n'),
  );
  execFileSync('slapadd', ['-f', conf, '-l', ldif, '-q'], { stdio: 'pipe' });
  const port = await freePort();
  const child = spawn('/usr/sbin/slapd', ['-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: 'ignore' });
  await waitForPort(port);
  return {
    url: `ldap://127.0.0.1:${port}`,
    port,
    suffix: LDAP_SUFFIX,
    adminDn: LDAP_ADMIN_DN,
    adminPassword: password,
    stop: () => child.kill('SIGTERM'),
    pid: child.pid,
  };
}

function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

module.exports = { ensurePackages, startRedis, startSlapd, writeSlapdConf, freePort, waitForPort, makeTempDir, LDAP_SUFFIX, LDAP_ADMIN_DN };
