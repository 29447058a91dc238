import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProfileProblem, ProfileProblems, resolveProfile } from './directory-profile';

const file = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../config/directory.json'), 'utf8'));

describe('directory profile', () => {
  it('resolves both presets of config/directory.json with the base DN', () => {
    const o = resolveProfile(file, { baseDn: 'dc=example,dc=org' });
    expect(o.key).toEqual({ attribute: 'entryUUID', format: 'string' });
    expect(o.vpnGroup?.dn).toBe('cn=vpn-users,ou=groups,dc=example,dc=org');
    expect(o.maxDeactivationShare).toBe(0.05);
    const a = resolveProfile({ ...file, preset: 'activeDirectory' }, { baseDn: 'DC=c,DC=l' });
    expect(a.key.format).toBe('guid');
    expect(a.disabled).toEqual([{ kind: 'bitmask', attribute: 'userAccountControl', mask: 2 }]);
  });

  it('applies overrides key by key', () => {
    const p = resolveProfile({ ...file, overrides: { pageSize: 20, attributes: { email: 'otherMail' } } }, { baseDn: 'dc=x' });
    expect(p.pageSize).toBe(20);
    expect(p.attributes).toMatchObject({ email: 'otherMail', username: 'uid' });
  });

  it('names every problem of a bad file', () => {
    let problems: ProfileProblem[] = [];
    try {
      resolveProfile({ ...file, overrides: { pageSize: 0, roles: [{ group: 'cn=x', role: 'boss', priority: 1 }] } }, { baseDn: 'dc=x' });
    } catch (e) {
      problems = (e as ProfileProblems).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['presets.openldap.pageSize', 'presets.openldap.roles.0.role']));
    expect(() => resolveProfile({ ...file, preset: 'nope' }, { baseDn: 'dc=x' })).toThrow();
  });
});
