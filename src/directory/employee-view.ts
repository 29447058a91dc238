import { EmployeeSource } from './employee.entity';
import { EmployeeRecord } from './employee.repository';

/** What other features and the API see of an employee (never the entity itself). */
export interface EmployeeView {
  id: string;
  employeeNumber: string;
  externalId: string | null;
  source: EmployeeSource;
  username: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  profile: string | null;
  category: string | null;
  isManager: boolean;
  isDirectorGeneral: boolean;
  disabledWorker: boolean;
  active: boolean;
  deactivatedAt: string | null;
  deactivationReason: string | null;
  lastSyncedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toEmployeeView(r: EmployeeRecord): EmployeeView {
  return {
    id: r.id,
    employeeNumber: r.employeeNumber,
    externalId: r.externalId,
    source: r.source,
    username: r.username,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    serviceId: r.serviceId,
    serviceCode: r.serviceCode,
    serviceName: r.serviceName,
    profile: r.profile,
    category: r.category,
    isManager: Boolean(r.isManager),
    isDirectorGeneral: Boolean(r.isDirectorGeneral),
    disabledWorker: Boolean(r.disabledWorker),
    active: Boolean(r.active),
    deactivatedAt: r.deactivatedAt,
    deactivationReason: r.deactivationReason,
    lastSyncedAt: r.lastSyncedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: Number(r.version),
  };
}
