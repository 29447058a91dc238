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
  return serviceId !== null && inReach({ kind: 'service', serviceId, selfId: manager.id }, employee);
}

/**
 * Whose records a login of role `manager` reaches, on every per-person route (employees, eligibility and
 * activities, agreements and their documents, the gate's status): a dirigente's own login, the people they manage;
 * the Direttore Generale's, everyone else (they countersign the dirigenti's agreements and may countersign any,
 * seed 2.2); never the login's own record (their own agreement is signed by someone else; /api/v1/me shows it to
 * them). A login that is no active dirigente or Direttore Generale, or an API token of role manager that acts for
 * no employee (no `employee:<id>` subject), reaches nobody: "their people" needs a person.
 */
export type ManagerReach = { kind: 'nobody' } | { kind: 'service'; serviceId: string; selfId: string } | { kind: 'everyone-else'; selfId: string };

export function reachOf(person: ServicePerson | null): ManagerReach {
  if (!person || !person.active) return { kind: 'nobody' };
  if (person.isDirectorGeneral) return { kind: 'everyone-else', selfId: person.id };
  const serviceId = managedServiceId(person);
  return serviceId ? { kind: 'service', serviceId, selfId: person.id } : { kind: 'nobody' };
}

/** The rule of `reachOf` for one employee; employee.repository.ts (inReachOnly) says the same in SQL for the lists. */
export function inReach(reach: ManagerReach, employee: ServicePerson): boolean {
  switch (reach.kind) {
    case 'nobody':
      return false;
    case 'everyone-else':
      return employee.id !== reach.selfId;
    case 'service':
      return employee.id !== reach.selfId && employee.serviceId === reach.serviceId && !employee.isManager && !employee.isDirectorGeneral;
  }
}

/** How a list kept by another feature is narrowed for a manager's login: to these employees, or all but one. */
export type ReachNarrowing = { only: string[] } | { except: string };

/** Whether a list narrowed so keeps this employee's rows (for lists filtered in memory). */
export function keeps(narrowing: ReachNarrowing | null, employeeId: string): boolean {
  if (!narrowing) return true;
  return 'only' in narrowing ? narrowing.only.includes(employeeId) : narrowing.except !== employeeId;
}

const EMPLOYEE_SUBJECT = /^employee:([0-9a-f-]{36})$/i;

/** The employee record a directory login acts for (`employee:<id>`, the session's subject), or null for any other actor. */
export function employeeIdOfActor(actorId: string): string | null {
  return EMPLOYEE_SUBJECT.exec(actorId)?.[1] ?? null;
}
