import { employeeIdOfActor, inReach, keeps, managedServiceId, manages, reachOf, ServicePerson } from './service-manager.policy';

const person = (id: string, over: Partial<ServicePerson> = {}): ServicePerson => ({
  id,
  serviceId: 'svc-cp',
  active: true,
  isManager: false,
  isDirectorGeneral: false,
  ...over,
});

describe('who manages whom', () => {
  const boss = person('boss', { isManager: true });

  it('an active dirigente manages the clerks of their own service', () => {
    expect(managedServiceId(boss)).toBe('svc-cp');
    expect(manages(boss, person('clerk'))).toBe(true);
  });

  it('not the people of another service, nor themselves, nor another dirigente or the Direttore Generale', () => {
    expect(manages(boss, person('other', { serviceId: 'svc-pa' }))).toBe(false);
    expect(manages(boss, boss)).toBe(false);
    expect(manages(boss, person('co-boss', { isManager: true }))).toBe(false);
    expect(manages(boss, person('dg', { isDirectorGeneral: true }))).toBe(false);
  });

  it('a clerk or an inactive dirigente manages nobody', () => {
    expect(managedServiceId(person('clerk'))).toBeNull();
    expect(manages(person('clerk'), person('clerk-2'))).toBe(false);
    const gone = person('gone', { isManager: true, active: false });
    expect(managedServiceId(gone)).toBeNull();
    expect(manages(gone, person('clerk'))).toBe(false);
  });

  it("reads the employee record only from a directory login's subject", () => {
    const id = '3f2b8c1e-1d2a-4b7c-9e8f-0a1b2c3d4e5f';
    expect(employeeIdOfActor(`employee:${id}`)).toBe(id);
    expect(employeeIdOfActor(`token:${id}`)).toBeNull();
    expect(employeeIdOfActor('employee:not-an-id')).toBeNull();
    expect(employeeIdOfActor(`employee:${id}:x`)).toBeNull();
  });
});

describe("whose records a manager's login reaches", () => {
  const boss = person('boss', { isManager: true });
  const dg = person('dg', { isDirectorGeneral: true, serviceId: 'svc-dg' });

  it('a dirigente: the people they manage, the same as `manages`', () => {
    const reach = reachOf(boss);
    for (const other of [person('clerk'), person('away', { serviceId: 'svc-pa' }), boss, person('co-boss', { isManager: true }), dg]) {
      expect(inReach(reach, other)).toBe(manages(boss, other));
    }
    expect(inReach(reach, person('left', { active: false }))).toBe(true);
  });

  it('the Direttore Generale: everyone else, dirigenti included, in every service', () => {
    const reach = reachOf(dg);
    expect(inReach(reach, person('co-boss', { isManager: true }))).toBe(true);
    expect(inReach(reach, person('away', { serviceId: 'svc-pa' }))).toBe(true);
    expect(inReach(reach, dg)).toBe(false);
  });

  it('nobody for a clerk, an inactive dirigente, or a token that acts for no employee', () => {
    expect(reachOf(person('clerk'))).toEqual({ kind: 'nobody' });
    expect(reachOf(person('gone', { isManager: true, active: false }))).toEqual({ kind: 'nobody' });
    expect(reachOf(null)).toEqual({ kind: 'nobody' });
    expect(inReach({ kind: 'nobody' }, person('clerk'))).toBe(false);
  });
});

describe('a list narrowed to a reach', () => {
  it('keeps everyone when not narrowed, the listed ids, or everyone but the one left out', () => {
    expect(keeps(null, 'a')).toBe(true);
    expect([keeps({ only: ['a'] }, 'a'), keeps({ only: ['a'] }, 'b'), keeps({ only: [] }, 'a')]).toEqual([true, false, false]);
    expect([keeps({ except: 'dg' }, 'dg'), keeps({ except: 'dg' }, 'a')]).toEqual([false, true]);
  });
});
