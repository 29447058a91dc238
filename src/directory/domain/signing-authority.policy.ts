import { Forbidden } from '../../common/errors/domain-error';
import { CsvError } from './employee-csv';
import { ImportPlan, ImportSnapshot } from './employee-import-plan';

/**
 * The manager flags are signing authority: a dirigente countersigns the agreements of their service, the
 * Direttore Generale everyone's. Granting, removing or moving it (the service a manager manages) is the
 * directory's (the sync) or an admin's act, never HR's alone — otherwise one HR account could make itself a
 * countersigner (SPEC §2: two different accounts take an employee to passing the gate). HR still records
 * everything else about people, and a blank flag in a CSV keeps the stored value.
 */
export interface SigningAuthority {
  isManager: boolean;
  isDirectorGeneral: boolean;
  serviceId: string;
}

export type AuthorityField = 'isManager' | 'isDirectorGeneral' | 'serviceId';

/** Roles that may change signing authority: admins, and the service itself (directory sync, CLI). */
export function mayChangeSigningAuthority(role: string): boolean {
  return role === 'admin' || role === 'system';
}

/** The fields of a change that touch signing authority; `before` null: a new employee. */
export function authorityChanges(before: SigningAuthority | null, after: SigningAuthority): AuthorityField[] {
  if (before === null) return [...(after.isManager ? (['isManager'] as const) : []), ...(after.isDirectorGeneral ? (['isDirectorGeneral'] as const) : [])];
  const fields: AuthorityField[] = [];
  if (before.isManager !== after.isManager) fields.push('isManager');
  if (before.isDirectorGeneral !== after.isDirectorGeneral) fields.push('isDirectorGeneral');
  if (before.serviceId !== after.serviceId && (before.isManager || after.isManager)) fields.push('serviceId');
  return fields;
}

export const MANAGER_FLAG_NEEDS_ADMIN = 'MANAGER_FLAG_NEEDS_ADMIN';

export function authorityRefusalMessage(fields: AuthorityField[]): string {
  return `Only an admin or the directory sync may change signing authority (${fields.join(', ')}): a manager's flags and service are not HR's to set`;
}

/** 403 MANAGER_FLAG_NEEDS_ADMIN when `role` may not make these changes; nothing else is judged here. */
export function assertMayChangeSigningAuthority(role: string, before: SigningAuthority | null, after: SigningAuthority): void {
  const fields = authorityChanges(before, after);
  if (fields.length > 0 && !mayChangeSigningAuthority(role)) {
    throw new Forbidden(MANAGER_FLAG_NEEDS_ADMIN, authorityRefusalMessage(fields), { fields });
  }
}

const COLUMN: Record<AuthorityField, string> = { isManager: 'is_manager', isDirectorGeneral: 'is_director_general', serviceId: 'service_code' };

/**
 * A CSV import by someone who may not change signing authority: one MANAGER_FLAG_NEEDS_ADMIN error per line and
 * column that would (so the dry run lists them, and the real run is refused whole, as for any other error).
 */
export function importAuthorityErrors(plan: ImportPlan, existing: ImportSnapshot[], role: string): CsvError[] {
  if (mayChangeSigningAuthority(role)) return [];
  const byId = new Map(existing.map((e) => [e.id, e]));
  const errors: CsvError[] = [];
  const refuse = (line: number, fields: AuthorityField[]) => {
    for (const f of fields) errors.push({ line, column: COLUMN[f], code: MANAGER_FLAG_NEEDS_ADMIN, message: authorityRefusalMessage([f]) });
  };
  for (const c of plan.creates) {
    refuse(
      c.row.line,
      authorityChanges(null, { isManager: c.row.isManager ?? false, isDirectorGeneral: c.row.isDirectorGeneral ?? false, serviceId: c.serviceId }),
    );
  }
  for (const u of plan.updates) {
    const before = byId.get(u.id);
    if (!before) continue;
    const after = {
      isManager: u.changes.isManager ?? before.isManager,
      isDirectorGeneral: u.changes.isDirectorGeneral ?? before.isDirectorGeneral,
      serviceId: u.changes.serviceId ?? before.serviceId,
    };
    refuse(u.line, authorityChanges(before, after));
  }
  return errors;
}
