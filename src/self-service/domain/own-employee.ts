/**
 * The employee a session acts for: a directory login of an employee carries the subject `employee:<employeeId>` as
 * its actor id (directory-login.service.ts). Never from the URL or the body: the self-service routes know the
 * employee only from here. Anything else (an API token, a directory entry that is no employee) → null.
 */
const EMPLOYEE_SUBJECT = /^employee:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function ownEmployeeId(actorId: string): string | null {
  return EMPLOYEE_SUBJECT.exec(actorId)?.[1].toLowerCase() ?? null;
}
