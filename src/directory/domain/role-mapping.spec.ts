import { roleForGroups } from './role-mapping';

describe('group to role mapping', () => {
  const rules = [
    { group: 'cn=rw-hotline,ou=groups,dc=x', role: 'hotline' as const, priority: 40 },
    { group: 'cn=rw-admins,ou=groups,dc=x', role: 'admin' as const, priority: 10 },
  ];
  it('picks the rule with the lowest priority among the groups the user is in', () => {
    expect(roleForGroups(['CN=RW-Hotline, OU=groups, DC=x', 'cn=rw-admins,ou=groups,dc=x'], rules)?.role).toBe('admin');
    expect(roleForGroups(['cn=rw-hotline,ou=groups,dc=x'], rules)?.role).toBe('hotline');
  });
  it('gives no role to a user in no mapped group', () => {
    expect(roleForGroups(['cn=other,dc=x'], rules)).toBeNull();
  });
});
