import { Actor } from '../common/auth/roles';
import { readsSpecialCategory } from '../common/auth/special-category';
import { EmployeeDto, EmployeeHrDto, EmployeeHrPageDto, EmployeePageDto } from './dto/employee.dto';
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

/**
 * The employee without special-category data, for every reader but HR and admins. Built field by field from the
 * view, so a field added to the view reaches the API only when listed here (and in EmployeeHrDto for HR).
 */
export function toEmployeeDto(v: EmployeeView): EmployeeDto {
  return {
    id: v.id,
    employeeNumber: v.employeeNumber,
    externalId: v.externalId,
    source: v.source,
    username: v.username,
    firstName: v.firstName,
    lastName: v.lastName,
    email: v.email,
    serviceId: v.serviceId,
    serviceCode: v.serviceCode,
    serviceName: v.serviceName,
    profile: v.profile,
    category: v.category,
    isManager: v.isManager,
    isDirectorGeneral: v.isDirectorGeneral,
    active: v.active,
    deactivatedAt: v.deactivatedAt,
    deactivationReason: v.deactivationReason,
    lastSyncedAt: v.lastSyncedAt,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    version: v.version,
  };
}

export function toEmployeeHrDto(v: EmployeeView): EmployeeHrDto {
  return { ...toEmployeeDto(v), disabledWorker: v.disabledWorker };
}

/** The response type the actor's role may read (special-category data for HR and admins only). */
export function employeeFor(actor: Actor, v: EmployeeView): EmployeeDto | EmployeeHrDto {
  return readsSpecialCategory(actor) ? toEmployeeHrDto(v) : toEmployeeDto(v);
}

export function employeePageFor(actor: Actor, page: { items: EmployeeView[]; nextCursor: string | null }): EmployeePageDto | EmployeeHrPageDto {
  return { items: page.items.map((v) => employeeFor(actor, v)), nextCursor: page.nextCursor };
}
