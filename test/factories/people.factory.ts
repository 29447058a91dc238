import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { ServiceEntity } from '../../src/directory/service.entity';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`.toUpperCase();
const NOW = '2020-01-01T00:00:00.000Z';

/** A service (organisational unit). Code defaults to a unique one; pass `code` to reuse a seed code (CP, SD…). */
export async function createService(ds: DataSource, overrides: Partial<ServiceEntity> = {}): Promise<ServiceEntity> {
  const service: Partial<ServiceEntity> = {
    id: randomUUID(),
    code: `T${next()}`.slice(0, 10),
    name: 'Servizio di prova',
    active: true,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
  await ds.getRepository(ServiceEntity).insert(service);
  return ds.getRepository(ServiceEntity).findOneByOrFail({ id: service.id });
}

/**
 * An active, non-manager employee (source 'manual'). Creates a service unless `serviceId` is given.
 * Flags worth overriding: isManager, isDirectorGeneral, disabledWorker, active, username.
 */
export async function createEmployee(ds: DataSource, overrides: Partial<EmployeeEntity> = {}): Promise<EmployeeEntity> {
  const serviceId = overrides.serviceId ?? (await createService(ds)).id;
  const n = next();
  // Partial: columns the directory adds later take their database defaults.
  const employee: Partial<EmployeeEntity> = {
    id: randomUUID(),
    employeeNumber: `M${n}`,
    externalId: null,
    source: 'manual',
    username: `user.${n.toLowerCase()}`,
    firstName: 'Maria',
    lastName: `Rossi ${n}`,
    email: `user.${n.toLowerCase()}@comune.example.it`,
    serviceId,
    profile: 'Istruttore Amministrativo',
    category: 'C',
    isManager: false,
    isDirectorGeneral: false,
    disabledWorker: false,
    active: true,
    deactivatedAt: null,
    deactivationReason: null,
    lastSyncedAt: null,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ...overrides,
  };
  await ds.getRepository(EmployeeEntity).insert(employee);
  return ds.getRepository(EmployeeEntity).findOneByOrFail({ id: employee.id });
}

/** The manager (dirigente) of a service: the usual countersigner of its employees' agreements. */
export function createManager(ds: DataSource, serviceId: string, overrides: Partial<EmployeeEntity> = {}): Promise<EmployeeEntity> {
  return createEmployee(ds, { serviceId, isManager: true, category: 'DIR', profile: 'Dirigente', ...overrides });
}

/** The Direttore Generale: countersigns managers' agreements. */
export function createDirectorGeneral(ds: DataSource, overrides: Partial<EmployeeEntity> = {}): Promise<EmployeeEntity> {
  return createEmployee(ds, { isManager: true, isDirectorGeneral: true, category: 'DIR', profile: 'Direttore Generale', ...overrides });
}
