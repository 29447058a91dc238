import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from '../../helpers/openvpn';

/**
 * docker/openldap/entrypoint.sh is what the compose file's directory container runs. No Docker engine here, so the
 * script itself runs against Debian's real slapd on 127.0.0.1, and the entries the service expects are read back.
 */
const root = join(__dirname, '..', '..', '..');
const script = join(root, 'docker', 'openldap', 'entrypoint.sh');
const haveSlapd = existsSync('/usr/sbin/slapd') && spawnSync('which', ['ldapsearch']).status === 0;
const suite = haveSlapd || process.env.CI === 'true' ? describe : describe.skip;
if (!haveSlapd && process.env.CI !== 'true') console.warn('slapd or ldapsearch missing: directory image test skipped');

suite('docker/openldap entrypoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rw-dirimage-'));
  const password = 'compose-' + Math.random().toString(36).slice(2);
  let url = '';
  const env = () => ({
    ...process.env,
    LDAP_SUFFIX: 'dc=comune,dc=example',
    LDAP_ADMIN_PASSWORD: password,
    LDAP_DATA_DIR: join(dir, 'data'),
    LDAP_RUN_DIR: join(dir, 'run'),
    LDAP_LISTEN: url,
    LDAP_FOREGROUND: 'no',
    LDAP_USER: '',
  });
  const stopSlapd = async () => {
    const pidFile = join(dir, 'run', 'slapd.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50; i++) {
      try {
        process.kill(pid, 0);
        await sleep(100);
      } catch {
        return;
      }
    }
  };
  const search = (base: string, filter: string, ...attrs: string[]) =>
    execFileSync('ldapsearch', ['-x', '-LLL', '-H', url, '-D', 'cn=admin,dc=comune,dc=example', '-w', password, '-b', base, filter, ...attrs]).toString();
  const waitUp = async () => {
    for (let i = 0; i < 50; i++) {
      if (spawnSync('ldapsearch', ['-x', '-H', url, '-D', 'cn=admin,dc=comune,dc=example', '-w', password, '-b', '', '-s', 'base']).status === 0) return;
      await sleep(100);
    }
    throw new Error('slapd did not come up');
  };

  beforeAll(async () => {
    url = `ldap://127.0.0.1:${await freePort()}/`;
  });
  afterAll(async () => {
    await stopSlapd();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without an admin password', () => {
    const r = spawnSync('sh', [script], { env: { ...env(), LDAP_ADMIN_PASSWORD: '' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr.toString()).toMatch(/LDAP_ADMIN_PASSWORD/);
  });

  it('creates the suffix, ou=people and the role and VPN groups of the openldap preset', async () => {
    execFileSync('sh', [script], { env: env() });
    await waitUp();
    const groups = search('ou=groups,dc=comune,dc=example', '(objectClass=groupOfNames)', 'cn');
    for (const g of ['rw-admins', 'rw-hr', 'rw-technicians', 'rw-hotline', 'rw-rtd', 'rw-managers', 'vpn-users']) expect(groups).toContain(`cn: ${g}`);
    expect(search('dc=comune,dc=example', '(ou=people)', 'ou')).toContain('dn: ou=people,dc=comune,dc=example');
    // The data folder holds password hashes: owner only.
    expect(statSync(join(dir, 'data')).mode & 0o777).toBe(0o700);
    // Anonymous users read nothing.
    const anon = spawnSync('ldapsearch', ['-x', '-LLL', '-H', url, '-b', 'ou=groups,dc=comune,dc=example', '(cn=*)', 'cn']);
    expect(anon.stdout.toString()).not.toContain('cn: rw-admins');
  });

  it('keeps the data of the first start when started again', async () => {
    execFileSync('ldapmodify', ['-x', '-H', url, '-D', 'cn=admin,dc=comune,dc=example', '-w', password], {
      input: 'dn: cn=rw-hr,ou=groups,dc=comune,dc=example\nchangetype: modify\nadd: description\ndescription: kept\n',
    });
    await stopSlapd();
    execFileSync('sh', [script], { env: env() });
    await waitUp();
    expect(search('cn=rw-hr,ou=groups,dc=comune,dc=example', '(objectClass=*)', 'description')).toContain('description: kept');
  });
});
