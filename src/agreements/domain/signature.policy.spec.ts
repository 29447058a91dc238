import { Person, assertMaySign, assertSameDocument } from './signature.policy';

const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  id,
  serviceId: 'svc-sd',
  active: true,
  isManager: false,
  isDirectorGeneral: false,
  ...overrides,
});
const clerk = person('clerk');
const boss = person('boss', { isManager: true });
const otherBoss = person('other-boss', { isManager: true, serviceId: 'svc-cp' });
const dg = person('dg', { isManager: true, isDirectorGeneral: true, serviceId: 'svc-ua' });

describe('who signs an agreement', () => {
  it('the employee signs their own agreement, nobody else signs for them', () => {
    expect(() => assertMaySign('employee', clerk, clerk)).not.toThrow();
    expect(() => assertMaySign('employee', clerk, boss)).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_THE_EMPLOYEE' }));
  });

  it("an employee's counterpart is the manager of their service, or the Direttore Generale", () => {
    expect(() => assertMaySign('manager', clerk, boss)).not.toThrow();
    expect(() => assertMaySign('manager', clerk, dg)).not.toThrow();
    expect(() => assertMaySign('manager', clerk, otherBoss)).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_MANAGER_OF_SERVICE' }));
    expect(() => assertMaySign('manager', clerk, person('colleague'))).toThrow(expect.objectContaining({ code: 'SIGNER_NOT_A_MANAGER' }));
  });

  it("a manager's agreement is signed by the Direttore Generale, not by any other manager", () => {
    expect(() => assertMaySign('manager', boss, dg)).not.toThrow();
    expect(() => assertMaySign('manager', boss, otherBoss)).toThrow(expect.objectContaining({ kind: 'rule', code: 'DIRECTOR_GENERAL_SIGNATURE_REQUIRED' }));
  });

  it('nobody countersigns their own agreement, and an inactive signer is refused', () => {
    expect(() => assertMaySign('manager', dg, dg)).toThrow(expect.objectContaining({ code: 'SIGNER_IS_THE_EMPLOYEE' }));
    expect(() => assertMaySign('manager', clerk, person('gone', { isManager: true, active: false }))).toThrow(
      expect.objectContaining({ code: 'SIGNER_INACTIVE' }),
    );
  });

  it('both signatures carry the SHA-256 of the same document', () => {
    expect(() => assertSameDocument(null, 'a'.repeat(64))).not.toThrow();
    expect(() => assertSameDocument('a'.repeat(64), 'a'.repeat(64))).not.toThrow();
    expect(() => assertSameDocument('a'.repeat(64), 'b'.repeat(64))).toThrow(expect.objectContaining({ code: 'DOCUMENT_HASH_MISMATCH' }));
  });
});
