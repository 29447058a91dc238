import { Confirmer, Party, assertMayConfirm, assertMayReject, countersignatureCounts, isOwnLogin, samePerson } from './countersignature.policy';

const MANAGER_ID = 'm-1';
/** HR's API token, created by the admin `token:adm` (who was shown its secret). */
const hr: Party = { id: 'token:hr', issuedBy: 'token:adm' };
const hrTwo: Party = { id: 'token:hr2', issuedBy: 'token:adm' };
const admin: Confirmer = { id: 'token:adm', role: 'admin', issuedBy: null };
const otherAdmin: Confirmer = { id: 'token:adm2', role: 'admin', issuedBy: null };
/** An admin token the first admin minted for itself. */
const mintedAdmin: Confirmer = { id: 'token:adm3', role: 'admin', issuedBy: 'token:adm' };
const managerLogin: Confirmer = { id: `employee:${MANAGER_ID}`, role: 'manager', issuedBy: null };
const hrLoginOnManagersRecord: Confirmer = { id: `employee:${MANAGER_ID}`, role: 'hr', issuedBy: null };
const hrAsConfirmer: Confirmer = { ...hr, role: 'hr' };

describe('the two-person rule for the counterpart signature', () => {
  it("the countersigner's own act is their directory login with role manager (or admin), not an HR login resolving to their record", () => {
    expect(isOwnLogin(managerLogin, MANAGER_ID)).toBe(true);
    expect(isOwnLogin({ ...managerLogin, role: 'admin' }, MANAGER_ID)).toBe(true);
    expect(isOwnLogin(hrLoginOnManagersRecord, MANAGER_ID)).toBe(false);
    expect(isOwnLogin(managerLogin, 'm-2')).toBe(false);
    expect(isOwnLogin({ id: 'token:mgr', role: 'manager' }, MANAGER_ID)).toBe(false);
  });

  it('one person: the same id, or a token one of them created', () => {
    expect(samePerson(hr, { id: 'token:hr', issuedBy: null })).toBe(true);
    expect(samePerson(admin, hr)).toBe(true); // the admin created HR's token
    expect(samePerson(mintedAdmin, admin)).toBe(true);
    expect(samePerson(otherAdmin, hr)).toBe(false);
    // Two tokens made by the same admin are two holders, not one.
    expect(samePerson(hr, hrTwo)).toBe(false);
  });

  it('counts only when vouched for by someone other than who recorded the employee signature', () => {
    expect(countersignatureCounts({ employeeRecordedBy: hr, countersignatureVouchedBy: null })).toBe(false);
    expect(countersignatureCounts({ employeeRecordedBy: hr, countersignatureVouchedBy: managerLogin })).toBe(true);
    expect(countersignatureCounts({ employeeRecordedBy: hr, countersignatureVouchedBy: otherAdmin })).toBe(true);
    // The manager recorded the employee's paper signature and signed too: one person, not counted.
    expect(countersignatureCounts({ employeeRecordedBy: managerLogin, countersignatureVouchedBy: managerLogin })).toBe(false);
    // Not recorded yet (or signed before the rule): judged when the employee signature comes.
    expect(countersignatureCounts({ employeeRecordedBy: null, countersignatureVouchedBy: managerLogin })).toBe(true);
  });

  it('HR recorded both signatures from paper: an admin or the manager login confirms, HR never does', () => {
    const recorded = { employee: hr, countersignature: hr };
    expect(() => assertMayConfirm(otherAdmin, MANAGER_ID, recorded)).not.toThrow();
    expect(() => assertMayConfirm(managerLogin, MANAGER_ID, recorded)).not.toThrow();
    expect(() => assertMayConfirm(hrAsConfirmer, MANAGER_ID, recorded)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'NOT_THE_COUNTERSIGNER' }));
    expect(() => assertMayConfirm({ ...hrTwo, role: 'hr' }, MANAGER_ID, recorded)).toThrow(expect.objectContaining({ code: 'NOT_THE_COUNTERSIGNER' }));
    expect(() => assertMayConfirm(hrLoginOnManagersRecord, MANAGER_ID, recorded)).toThrow(expect.objectContaining({ code: 'NOT_THE_COUNTERSIGNER' }));
    // Another manager's login is not the countersigner.
    expect(() => assertMayConfirm({ id: 'employee:m-2', role: 'manager', issuedBy: null }, MANAGER_ID, recorded)).toThrow(
      expect.objectContaining({ code: 'NOT_THE_COUNTERSIGNER' }),
    );
  });

  it('whoever recorded either signature, or holds a token the other created, cannot confirm', () => {
    const byAdmin = { employee: admin, countersignature: admin };
    expect(() => assertMayConfirm(admin, MANAGER_ID, byAdmin)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'SIGNATURE_NEEDS_SECOND_PERSON' }));
    expect(() => assertMayConfirm(mintedAdmin, MANAGER_ID, byAdmin)).toThrow(expect.objectContaining({ code: 'SIGNATURE_NEEDS_SECOND_PERSON' }));
    expect(() => assertMayConfirm(otherAdmin, MANAGER_ID, byAdmin)).not.toThrow();
    // The admin who created HR's token has seen its secret: not a second person to HR.
    expect(() => assertMayConfirm(admin, MANAGER_ID, { employee: hr, countersignature: hr })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NEEDS_SECOND_PERSON' }),
    );
    // The manager recorded the employee's paper signature: the manager cannot also make their own count.
    expect(() => assertMayConfirm(managerLogin, MANAGER_ID, { employee: managerLogin, countersignature: managerLogin })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NEEDS_SECOND_PERSON' }),
    );
    expect(() => assertMayConfirm(managerLogin, MANAGER_ID, { employee: managerLogin, countersignature: hr })).toThrow(
      expect.objectContaining({ code: 'SIGNATURE_NEEDS_SECOND_PERSON' }),
    );
  });

  it('a recorded signature is set aside by whoever could confirm it or whoever recorded it', () => {
    expect(() => assertMayReject(otherAdmin, MANAGER_ID, hr)).not.toThrow();
    expect(() => assertMayReject(managerLogin, MANAGER_ID, hr)).not.toThrow();
    expect(() => assertMayReject(hrAsConfirmer, MANAGER_ID, hr)).not.toThrow();
    expect(() => assertMayReject({ ...hrTwo, role: 'hr' }, MANAGER_ID, hr)).toThrow(expect.objectContaining({ code: 'NOT_THE_COUNTERSIGNER' }));
  });
});
