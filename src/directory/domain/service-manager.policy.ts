/**
 * Who manages whom (SPEC §1: the dirigente of a service countersigns, and sees, the agreements of its people). The
 * directory has no manager-of link: an active dirigente (isManager) manages the service they belong to, and its
 * people are the other active employees of that service who are not dirigenti or the Direttore Generale themselves
 * (whose agreements the Direttore Generale signs: agreements' signature.policy.ts).
 */
export interface ServicePerson {
  id: string;
  serviceId: string;
  active: boolean;
  isManager: boolean;
  isDirectorGeneral: boolean;
}

/** The service this person manages, or null when they manage none (not an active dirigente). */
export function managedServiceId(person: ServicePerson): string | null {
  return person.active && person.isManager ? person.serviceId : null;
}

/** Whether `employee` is one of the people `manager` manages. */
export function manages(manager: ServicePerson, employee: ServicePerson): boolean {
  const serviceId = managedServiceId(manager);
  return serviceId !== null && employee.id !== manager.id && employee.serviceId === serviceId && !employee.isManager && !employee.isDirectorGeneral;
}

const EMPLOYEE_SUBJECT = /^employee:([0-9a-f-]{36})$/i;

/** The employee record a directory login acts for (`employee:<id>`, the session's subject), or null for any other actor. */
export function employeeIdOfActor(actorId: string): string | null {
  return EMPLOYEE_SUBJECT.exec(actorId)?.[1] ?? null;
}
