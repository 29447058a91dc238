import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { adNames, DirectorySettings } from './directory-settings';

const ldap = { LDAP_URL: 'ldap://127.0.0.1:1', LDAP_BIND_DN: 'cn=sync,dc=x', LDAP_BIND_PASSWORD: 'pw', LDAP_BASE_DN: 'dc=x', LDAP_ALLOW_PLAIN_BIND: 'true' };
const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const problemOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).message;
  }
  throw new Error('should have failed');
};
const settings = (env: Record<string, string>) => DirectorySettings.fromConfig(loadConfig({ CONFIG_DIR: path.join(__dirname, '../../config'), ...env }));

describe('directory settings', () => {
  it('is not configured without LDAP_URL', () => {
    expect(settings({}).configured).toBe(false);
  });

  it('reads config/directory.json with the base DN, and the environment overrides the safety share', () => {
    const s = settings(ldap);
    expect(s.profile?.userBaseDn).toBe('dc=x');
    expect(s.profile?.maxDeactivationShare).toBe(0.05);
    expect(settings({ ...ldap, DIRECTORY_MAX_DEACTIVATION_SHARE: '0.2' }).profile?.maxDeactivationShare).toBe(0.2);
  });

  it('stops start-up naming the file and line of a malformed file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw-dirconf-')), 'directory.json');
    fs.writeFileSync(file, '{\n  "preset": "openldap",\n  "presets": {,}\n}\n');
    try {
      settings({ ...ldap, LDAP_CONFIG_FILE: file });
      throw new Error('should have failed');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/LDAP_CONFIG_FILE .*directory\.json line 3: not valid JSON/);
    }
  });

  it('refuses plain ldap:// simple binds unless StartTLS or LDAP_ALLOW_PLAIN_BIND says so', () => {
    const plain = { ...ldap, LDAP_ALLOW_PLAIN_BIND: 'false' };
    expect(problemOf(() => settings(plain))).toMatch(/LDAP_URL is ldap:\/\/ without StartTLS: passwords would cross the network in clear/);
    expect(settings({ ...plain, LDAP_STARTTLS: 'true' }).connection).toMatchObject({ startTls: true, allowPlainBind: false });
    expect(settings({ ...plain, LDAP_URL: 'ldaps://dc.comune.test' }).connection).toMatchObject({ startTls: false, ca: null });
    expect(problemOf(() => settings({ ...plain, LDAP_URL: 'ldaps://dc.comune.test', LDAP_STARTTLS: 'true' }))).toMatch(/LDAP_STARTTLS is for ldap:\/\/ URLs/);
  });

  it('reads the CA file, and stops start-up when it is missing or holds no certificate', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-dirca-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, CA);
    const ldaps = { ...ldap, LDAP_URL: 'ldaps://127.0.0.1', LDAP_TLS_CA_FILE: ca };
    expect(settings(ldaps).connection?.ca).toBe(CA);
    expect(problemOf(() => settings({ ...ldaps, LDAP_TLS_CA_FILE: path.join(dir, 'none.pem') }))).toMatch(/LDAP_TLS_CA_FILE cannot be read/);
    fs.writeFileSync(ca, 'not a certificate');
    expect(problemOf(() => settings(ldaps))).toMatch(/LDAP_TLS_CA_FILE .*holds no PEM certificate/);
  });

  it('resolves the activeDirectory preset with the realm and NetBIOS name taken from the base DN', () => {
    expect(adNames('OU=Staff,DC=comune,DC=prato,DC=it')).toEqual({ adRealm: 'comune.prato.it', adDomain: 'COMUNE' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-dirad-'));
    const file = path.join(dir, 'directory.json');
    const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/directory.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...source, preset: 'activeDirectory' }));
    const p = settings({ ...ldap, LDAP_BASE_DN: 'OU=Staff,DC=comune,DC=test', LDAP_CONFIG_FILE: file }).profile!;
    expect(p.login).toEqual({ domains: ['COMUNE', 'comune.test'], upnAttribute: 'userPrincipalName' });
    expect(p.key).toEqual({ attribute: 'objectGUID', format: 'guid' });
    expect(p.pageSize).toBe(1000);
    expect(p.groups).toEqual({ membership: 'inChain' });
    expect(p.disabled).toEqual([{ kind: 'bitmask', attribute: 'userAccountControl', mask: 2 }]);
    expect(p.roles[0].group).toBe('CN=RW-Admins,OU=Groups,OU=Staff,DC=comune,DC=test');
  });
});
