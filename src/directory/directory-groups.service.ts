import { Injectable, Logger } from '@nestjs/common';
import { Attribute, Change, Client, OrFilter, EqualityFilter, AndFilter, FilterParser } from 'ldapts';
import { NotFound } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { DirectoryProfile, GroupRef } from './domain/directory-profile';
import { EmployeeRepository } from './employee.repository';
import { LdapConnector, inChain, unavailable } from './ldap/ldap-connector';

/**
 * `member_through_group`: removed (or not a direct member), yet still in the group through a group nested in it
 * (Active Directory, `groups.membership: inChain`): the directory's administrators must take them out of that group.
 */
export type VpnGroupResult =
  'added' | 'already_member' | 'removed' | 'not_member' | 'member_through_group' | 'not_configured' | 'not_in_directory' | 'no_employee';

/** Values per modify: one request however many people, within what AD and OpenLDAP take in one PDU. */
const MAX_VALUES_PER_MODIFY = 1000;

/**
 * Result codes that concern one value of a batch, not the batch: 20 typeOrValueExists (OpenLDAP, already a member),
 * 68 entryAlreadyExists (AD, already a member), 16 noSuchAttribute (not a member), 53 unwillingToPerform (AD: not a
 * member, or a member DN it cannot resolve), 32 noSuchObject (AD: a member DN that does not exist). A batch that
 * fails with one of these is split until each value is alone; anything else (connection, rights) fails it whole.
 */
const PER_VALUE_CODES = new Set([16, 20, 32, 53, 68]);

const codeOf = (err: unknown): number | null => {
  const c = (err as { code?: unknown })?.code;
  return typeof c === 'number' ? c : null;
};

/**
 * Membership of the VPN group, written for the VPN feature (onboarding adds, offboarding removes). Idempotent:
 * adding a member who is there, or removing one who is not, is success. Many people are written with ONE modify
 * carrying every value (700 onboardings are a handful of round trips, not 700); when the directory refuses the
 * batch because of some values (already member, not a member, entry gone), it is split in halves until the other
 * values land, and each person gets their own result. Without a directory (or without a VPN group in the profile)
 * it is a no-op that says so. On groupOfNames the group keeps at least one member (the schema requires one): give
 * it a placeholder member when it is created.
 */
@Injectable()
export class DirectoryGroups {
  private readonly logger = new Logger('DirectoryGroups');

  constructor(
    private readonly ldap: LdapConnector,
    private readonly employees: EmployeeRepository,
  ) {}

  async addToVpnGroup(employeeId: string, tx?: Tx): Promise<VpnGroupResult> {
    const result = (await this.change('add', [employeeId], tx)).get(employeeId)!;
    if (result === 'no_employee') throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    return result;
  }

  async removeFromVpnGroup(employeeId: string, tx?: Tx): Promise<VpnGroupResult> {
    const result = (await this.change('delete', [employeeId], tx)).get(employeeId)!;
    if (result === 'no_employee') throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
    return result;
  }

  /** Adds many people in one modify (split only where the directory refuses values); a result per employee id. */
  addManyToVpnGroup(employeeIds: string[], tx?: Tx): Promise<Map<string, VpnGroupResult>> {
    return this.change('add', employeeIds, tx);
  }

  removeManyFromVpnGroup(employeeIds: string[], tx?: Tx): Promise<Map<string, VpnGroupResult>> {
    return this.change('delete', employeeIds, tx);
  }

  private async change(operation: 'add' | 'delete', employeeIds: string[], tx?: Tx): Promise<Map<string, VpnGroupResult>> {
    const results = new Map<string, VpnGroupResult>();
    const ids = [...new Set(employeeIds)];
    const group = this.ldap.configured ? this.ldap.require().profile.vpnGroup : undefined;
    if (!group) {
      for (const id of ids) results.set(id, 'not_configured');
      return results;
    }
    const employees = new Map((await this.employees.findByIds(ids, tx)).map((e) => [e.id, e]));
    return this.ldap.asService(async (client, profile) => {
      const byValue = new Map<string, string[]>();
      const lookups: { id: string; username: string }[] = [];
      ids.forEach((id) => {
        const employee = employees.get(id);
        if (!employee) return results.set(id, 'no_employee');
        const value = group.memberValue === 'username' ? employee.username : employee.directoryDn;
        if (value) byValue.set(value, [...(byValue.get(value) ?? []), id]);
        else if (employee.username) lookups.push({ id, username: employee.username });
        else results.set(id, 'not_in_directory');
      });
      // Not synced (CSV or manual employees): find their entries by login, many per search.
      for (const [username, dn] of await findDns(client, profile, lookups)) {
        for (const l of lookups.filter((x) => x.username.toLowerCase() === username)) {
          if (dn) byValue.set(dn, [...(byValue.get(dn) ?? []), l.id]);
          else results.set(l.id, 'not_in_directory');
        }
      }
      const values = [...byValue.keys()];
      const outcome = new Map<string, 'changed' | 'unchanged' | 'missing'>();
      for (let i = 0; i < values.length; i += MAX_VALUES_PER_MODIFY) {
        await writeValues(client, group, operation, values.slice(i, i + MAX_VALUES_PER_MODIFY), outcome);
      }
      // Nested groups (AD): out of the group itself, a person may still be in it through a group in the group.
      const nested =
        operation === 'delete' && profile.groups.membership === 'inChain' && group.memberValue === 'dn'
          ? await stillInChain(
              client,
              profile,
              group.dn,
              values.filter((v) => outcome.get(v) !== 'missing'),
            )
          : new Set<string>();
      let changed = 0;
      for (const [value, who] of byValue) {
        const o = outcome.get(value)!;
        if (nested.has(value.toLowerCase())) {
          if (o === 'changed') changed += 1;
          for (const id of who) results.set(id, 'member_through_group');
          continue;
        }
        if (o === 'changed') changed += 1;
        const r: VpnGroupResult =
          o === 'missing'
            ? 'not_in_directory'
            : o === 'changed'
              ? operation === 'add'
                ? 'added'
                : 'removed'
              : operation === 'add'
                ? 'already_member'
                : 'not_member';
        for (const id of who) results.set(id, r);
      }
      this.logger.log({ operation, group: group.dn, values: values.length, changed }, 'VPN group membership written');
      return results;
    });
  }
}

/** Login → DN for people without a stored DN, 50 logins per OR search; null where the directory has no such entry. */
async function findDns(client: Client, profile: DirectoryProfile, lookups: { username: string }[]): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  const wanted = [...new Set(lookups.map((l) => l.username.toLowerCase()))];
  const attribute = profile.attributes.username;
  for (let i = 0; i < wanted.length; i += 50) {
    const chunk = wanted.slice(i, i + 50);
    for (const u of chunk) found.set(u, null);
    const filter = new AndFilter({
      filters: [FilterParser.parseString(profile.userFilter), new OrFilter({ filters: chunk.map((value) => new EqualityFilter({ attribute, value })) })],
    });
    const r = await client.search(profile.userBaseDn, { scope: 'sub', filter, attributes: [attribute] }).catch((err: unknown) => {
      throw unavailable(err, 'the user search failed');
    });
    const seen = new Map<string, string[]>();
    for (const e of r.searchEntries) {
      const raw = e[attribute] ?? Object.entries(e).find(([k]) => k.toLowerCase() === attribute.toLowerCase())?.[1];
      const login = String(Array.isArray(raw) ? raw[0] : raw).toLowerCase();
      seen.set(login, [...(seen.get(login) ?? []), e.dn]);
    }
    // a login that names two entries is not a person we can pick
    for (const [login, dns] of seen) if (found.has(login)) found.set(login, dns.length === 1 ? dns[0] : null);
  }
  return found;
}

/**
 * Of these entries (DNs), the ones the group still holds through nested groups: LDAP_MATCHING_RULE_IN_CHAIN on
 * `memberOf`, 50 entries per search (an OR of their DNs under the user base), lower-cased DNs.
 */
async function stillInChain(client: Client, profile: DirectoryProfile, groupDn: string, dns: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < dns.length; i += 50) {
    const filter = new AndFilter({
      filters: [
        inChain('memberOf', groupDn),
        new OrFilter({ filters: dns.slice(i, i + 50).map((value) => new EqualityFilter({ attribute: 'distinguishedName', value })) }),
      ],
    });
    const r = await client.search(profile.userBaseDn, { scope: 'sub', filter, attributes: ['1.1'] }).catch((err: unknown) => {
      throw unavailable(err, 'the nested group search failed');
    });
    for (const e of r.searchEntries) found.add(e.dn.toLowerCase());
  }
  return found;
}

/**
 * One modify with every value; on a per-value refusal, halves (so k refused values among n cost about 2k·log n
 * modifies, and a batch with none costs one). A value refused alone is already there / already gone, or names an
 * entry that does not exist ('missing'); a group that does not exist fails the whole write.
 */
async function writeValues(
  client: Client,
  group: GroupRef,
  operation: 'add' | 'delete',
  values: string[],
  outcome: Map<string, 'changed' | 'unchanged' | 'missing'>,
): Promise<void> {
  if (values.length === 0) return;
  try {
    await client.modify(group.dn, new Change({ operation, modification: new Attribute({ type: group.memberAttribute, values }) }));
    for (const v of values) outcome.set(v, 'changed');
    return;
  } catch (err) {
    const code = codeOf(err);
    if (code === null || !PER_VALUE_CODES.has(code)) throw unavailable(err, 'the VPN group could not be changed');
    if (values.length === 1) {
      if (operation === 'add' && (code === 20 || code === 68)) return void outcome.set(values[0], 'unchanged');
      if (operation === 'delete' && (code === 16 || code === 53)) return void outcome.set(values[0], 'unchanged');
      if (operation === 'add' && code === 32 && (await groupExists(client, group.dn))) return void outcome.set(values[0], 'missing');
      throw unavailable(err, 'the VPN group could not be changed');
    }
  }
  const half = Math.ceil(values.length / 2);
  await writeValues(client, group, operation, values.slice(0, half), outcome);
  await writeValues(client, group, operation, values.slice(half), outcome);
}

async function groupExists(client: Client, dn: string): Promise<boolean> {
  try {
    const r = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
    return r.searchEntries.length === 1;
  } catch (err) {
    if (codeOf(err) === 32) return false;
    throw unavailable(err, 'the VPN group could not be read');
  }
}
