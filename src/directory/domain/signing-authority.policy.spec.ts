import { ImportPlan, ImportSnapshot } from './employee-import-plan';
import { assertMayChangeSigningAuthority, authorityChanges, importAuthorityErrors } from './signing-authority.policy';

const clerk = { isManager: false, isDirectorGeneral: false, serviceId: 's-1' };
const dirigente = { isManager: true, isDirectorGeneral: false, serviceId: 's-1' };

describe("signing authority (the manager flags) is the directory's or an admin's to grant", () => {
  it('names what a change does to signing authority', () => {
    expect(authorityChanges(null, clerk)).toEqual([]);
    expect(authorityChanges(null, dirigente)).toEqual(['isManager']);
    expect(authorityChanges(null, { ...dirigente, isDirectorGeneral: true })).toEqual(['isManager', 'isDirectorGeneral']);
    expect(authorityChanges(clerk, dirigente)).toEqual(['isManager']);
    expect(authorityChanges(dirigente, clerk)).toEqual(['isManager']);
    // Moving a manager changes which service they countersign for; moving a clerk does not.
    expect(authorityChanges(dirigente, { ...dirigente, serviceId: 's-2' })).toEqual(['serviceId']);
    expect(authorityChanges(clerk, { ...clerk, serviceId: 's-2' })).toEqual([]);
    expect(authorityChanges(dirigente, dirigente)).toEqual([]);
  });

  it('HR gets 403 MANAGER_FLAG_NEEDS_ADMIN; admins and the service itself (sync, CLI) may', () => {
    expect(() => assertMayChangeSigningAuthority('hr', null, dirigente)).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'MANAGER_FLAG_NEEDS_ADMIN', details: { fields: ['isManager'] } }),
    );
    expect(() => assertMayChangeSigningAuthority('hr', dirigente, { ...dirigente, serviceId: 's-2' })).toThrow(
      expect.objectContaining({ code: 'MANAGER_FLAG_NEEDS_ADMIN' }),
    );
    expect(() => assertMayChangeSigningAuthority('hr', clerk, { ...clerk, serviceId: 's-2' })).not.toThrow();
    expect(() => assertMayChangeSigningAuthority('admin', null, dirigente)).not.toThrow();
    expect(() => assertMayChangeSigningAuthority('system', clerk, dirigente)).not.toThrow();
  });

  it('a CSV import by HR: one error per line and column that would grant, remove or move signing authority', () => {
    const snapshot = (id: string, flags: typeof clerk): ImportSnapshot => ({
      id,
      employeeNumber: id,
      externalId: null,
      source: 'csv',
      username: null,
      firstName: 'A',
      lastName: 'B',
      email: null,
      profile: null,
      category: null,
      active: true,
      deactivationReason: null,
      directoryDn: null,
      version: 1,
      disabledWorker: false,
      ...flags,
    });
    const row = (line: number, isManager?: boolean) => ({ line, employeeNumber: `N${line}`, firstName: 'A', lastName: 'B', serviceCode: 'SD', isManager });
    const plan: ImportPlan = {
      creates: [
        { id: 'n1', row: row(2, true), serviceId: 's-1' },
        { id: 'n2', row: row(3, false), serviceId: 's-1' },
      ],
      updates: [
        { id: 'e1', version: 1, line: 4, changes: { isManager: true } },
        { id: 'e2', version: 1, line: 5, changes: { serviceId: 's-2' } },
        { id: 'e3', version: 1, line: 6, changes: { lastName: 'C' } },
      ],
      unchanged: 0,
      errors: [],
    };
    const existing = [snapshot('e1', clerk), snapshot('e2', dirigente), snapshot('e3', dirigente)];
    expect(importAuthorityErrors(plan, existing, 'hr').map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'is_manager', 'MANAGER_FLAG_NEEDS_ADMIN'],
      [4, 'is_manager', 'MANAGER_FLAG_NEEDS_ADMIN'],
      [5, 'service_code', 'MANAGER_FLAG_NEEDS_ADMIN'],
    ]);
    expect(importAuthorityErrors(plan, existing, 'admin')).toEqual([]);
  });
});
