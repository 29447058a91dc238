import { employeeIdOfActor, managedServiceId, manages, ServicePerson } from './service-manager.policy';

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
