import { Actor, Role } from './roles';

/**
 * Who may read special-category personal data (GDPR art. 9): an employee's disability status (`disabledWorker`)
 * and what follows from it — the basis and length of an employer's withdrawal notice (90 days instead of 30) and,
 * while it is pending, the date it takes effect. HR keeps these records; admins administer the service. Every
 * other role gets response types that do not carry them (explicit DTOs, not fields deleted at run time).
 */
export const SPECIAL_CATEGORY_READERS: readonly Role[] = ['admin', 'hr'];

export function readsSpecialCategory(actor: Pick<Actor, 'role'>): boolean {
  return (SPECIAL_CATEGORY_READERS as readonly string[]).includes(actor.role);
}
