import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../config/app-config';
import { DirectorySettings } from './directory-settings';

const ldap = { LDAP_URL: 'ldap://127.0.0.1:1', LDAP_BIND_DN: 'cn=sync,dc=x', LDAP_BIND_PASSWORD: 'pw', LDAP_BASE_DN: 'dc=x' };
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
});
