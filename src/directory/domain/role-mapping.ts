import { Role } from '../../common/auth/roles';
import { normalizeDn } from './directory-entry';

export interface RoleRule {
  group: string;
  role: Role;
  priority: number;
}

/**
 * The role a directory user gets: the rule with the lowest priority number among the groups they belong to.
 * Group DNs compare case-insensitively (Active Directory and OpenLDAP both treat DNs so). Null: no mapped group.
 */
export function roleForGroups(groupDns: string[], rules: RoleRule[]): RoleRule | null {
  const member = new Set(groupDns.map(normalizeDn));
  const ordered = [...rules].sort((a, b) => a.priority - b.priority);
  return ordered.find((r) => member.has(normalizeDn(r.group))) ?? null;
}
