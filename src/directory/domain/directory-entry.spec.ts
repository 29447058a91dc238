import * as fs from 'node:fs';
import * as path from 'node:path';
import { guidToString, isDisabled, requestedAttributes, toDirectoryPerson } from './directory-entry';
import { resolveProfile } from './directory-profile';

const file = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../config/directory.json'), 'utf8'));
const openldap = resolveProfile(file, { baseDn: 'dc=example,dc=org' });
const ad = resolveProfile({ ...file, preset: 'activeDirectory' }, { baseDn: 'DC=comune,DC=local' });

describe('directory entries', () => {
  it('turns an AD objectGUID into its canonical text form', () => {
    // Microsoft's byte order: the first three groups little-endian.
    const bytes = Buffer.from('33221100554477668899aabbccddeeff', 'hex');
    expect(guidToString(bytes)).toBe('00112233-4455-6677-8899-aabbccddeeff');
    // A known GUID: {6F9619FF-8B86-D011-B42D-00C04FC964FF} is stored as these 16 bytes (the Windows example in
    // the LDAP objectGUID documentation); the key is its lower-case text without braces.
    const windows = Buffer.from([0xff, 0x19, 0x96, 0x6f, 0x86, 0x8b, 0x11, 0xd0, 0xb4, 0x2d, 0x00, 0xc0, 0x4f, 0xc9, 0x64, 0xff]);
    expect(guidToString(windows)).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
    expect(() => guidToString(Buffer.alloc(15))).toThrow(/16 bytes/);
  });

  it('keys an AD entry by its binary objectGUID, and reads userAccountControl bit 2 as disabled', () => {
    const guid = Buffer.from('ff19966f868b11d0b42d00c04fc964ff', 'hex');
    const entry = {
      dn: 'CN=Maria Rossi,OU=People,DC=comune,DC=local',
      objectGUID: guid,
      sAMAccountName: 'mrossi',
      employeeID: 'M1',
      givenName: 'Maria',
      sn: 'Rossi',
      department: 'CP',
      userAccountControl: '514',
    };
    const r = toDirectoryPerson(entry, ad, '2026-01-01');
    expect(r).toMatchObject({ ok: true, person: { key: '6f9619ff-8b86-d011-b42d-00c04fc964ff', username: 'mrossi', disabled: true } });
    expect(toDirectoryPerson({ ...entry, userAccountControl: '512' }, ad, '2026-01-01')).toMatchObject({ ok: true, person: { disabled: false } });
    // 66048 = NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD: enabled; 66050 adds ACCOUNTDISABLE
    expect(isDisabled({ dn: 'x', userAccountControl: '66048' }, ad.disabled, '2026-01-01')).toBe(false);
    expect(isDisabled({ dn: 'x', userAccountControl: '66050' }, ad.disabled, '2026-01-01')).toBe(true);
    expect(toDirectoryPerson({ ...entry, objectGUID: Buffer.alloc(8) }, ad, '2026-01-01')).toMatchObject({ ok: false, problem: { field: 'objectGUID' } });
  });

  it('maps an OpenLDAP entry with the preset', () => {
    const r = toDirectoryPerson(
      {
        dn: 'uid=mrossi,ou=people,dc=example,dc=org',
        entryUUID: 'ABC-1',
        uid: 'mrossi',
        employeeNumber: 'M1',
        givenName: 'Maria',
        sn: 'Rossi',
        mail: 'm@x.it',
        departmentNumber: 'sd',
        employeeType: ['staff', 'Dirigente'],
      },
      openldap,
      '2026-11-27',
    );
    expect(r).toEqual({
      ok: true,
      person: expect.objectContaining({ key: 'abc-1', username: 'mrossi', serviceCode: 'SD', isManager: true, disabled: false, email: 'm@x.it' }),
    });
  });

  it('maps an AD entry: binary GUID key, sAMAccountName, userAccountControl bit 2 = disabled', () => {
    const r = toDirectoryPerson(
      {
        dn: 'CN=Rossi,DC=comune,DC=local',
        objectGUID: Buffer.alloc(16, 1),
        sAMAccountName: 'mrossi',
        employeeID: '42',
        givenName: 'M',
        sn: 'R',
        department: 'PA',
        userAccountControl: '514',
      },
      ad,
      '2026-11-27',
    );
    expect(r.ok && r.person).toMatchObject({ key: '01010101-0101-0101-0101-010101010101', username: 'mrossi', disabled: true });
    expect(requestedAttributes(ad)).toEqual(expect.arrayContaining(['objectGUID', 'sAMAccountName', 'userAccountControl']));
    // nested groups are asked of the DC at login (inChain): the sync does not read memberOf
    expect(requestedAttributes(ad)).not.toContain('memberOf');
    // nor with memberOf membership (OpenLDAP's overlay): roles are read at login, not by the sync
    const withMemberOf = { ...openldap, groups: { membership: 'memberOf' as const, attribute: 'memberOf' } };
    expect(requestedAttributes(withMemberOf)).not.toContain('memberOf');
  });

  it('says why an entry cannot be a person', () => {
    const r = toDirectoryPerson({ dn: 'uid=x', entryUUID: 'k', uid: 'x', givenName: 'A', sn: 'B', departmentNumber: 'SD' }, openldap, '2026-11-27');
    expect(r).toEqual({ ok: false, problem: { dn: 'uid=x', key: 'k', field: 'employeeNumber', reason: 'missing employeeNumber' } });
    const noKey = toDirectoryPerson({ dn: 'uid=y', uid: 'y' }, openldap, '2026-11-27');
    expect(!noKey.ok && noKey.problem.field).toBe('entryUUID');
  });

  it('reads OpenLDAP disabled accounts from shadowExpire (days since 1970) or a lock', () => {
    const today = '2026-11-27';
    expect(isDisabled({ dn: 'x', shadowExpire: '1' }, openldap.disabled, today)).toBe(true);
    expect(isDisabled({ dn: 'x', shadowExpire: '99999' }, openldap.disabled, today)).toBe(false);
    expect(isDisabled({ dn: 'x', shadowExpire: '-1' }, openldap.disabled, today)).toBe(false);
    expect(isDisabled({ dn: 'x', pwdAccountLockedTime: '20260101000000Z' }, openldap.disabled, today)).toBe(true);
    expect(isDisabled({ dn: 'x' }, openldap.disabled, today)).toBe(false);
  });
});
