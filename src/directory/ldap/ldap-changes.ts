import { AndFilter, Client, Control, EqualityFilter, Filter, FilterParser, GreaterThanEqualsFilter, NotFilter } from 'ldapts';
import { DirectoryProfile } from '../domain/directory-profile';
import { guidToString, LdapEntry } from '../domain/directory-entry';
import { ChangeTracking, DirectoryState, SyncDecision } from '../domain/sync-watermark';
import { LdapConnector, unavailable } from './ldap-connector';

/** AD's "show deleted objects" control: tombstones come back with isDeleted=TRUE and their objectGUID. */
export const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';

const USN = /^\d{1,20}$/;
const CSN = /^\d{14}(\.\d{1,6})?Z(#[0-9a-f]{6}#[0-9a-f]{3}#[0-9a-f]{6})?$/i;
const TIMESTAMP = /^\d{14}(\.\d{1,6})?Z$/;

export interface PeopleRead {
  /** The directory as it answered before the search (identity, high-water mark for the next run). */
  state: DirectoryState;
  decision: SyncDecision;
  /** Entries the person search returned. */
  returned: number;
  /**
   * Stable keys of people deleted since the watermark (AD tombstones), or null when they could not be read (no
   * tombstone support, or the control refused): only the full reconciliation finds those leavers then.
   */
  deletedKeys: string[] | null;
}

const first = (v: unknown): string | null => {
  const x: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  if (x === undefined || x === null) return null;
  if (Buffer.isBuffer(x)) return x.toString('utf8');
  return typeof x === 'string' || typeof x === 'number' ? String(x) : null;
};

/**
 * The sync's read of the directory, on ONE connection so that the high-water mark and the entries come from the
 * same server: reads the root DSE (AD: highestCommittedUSN, dsServiceName, and the DC's invocationId, which a
 * restore from backup changes; OpenLDAP: the base entry's entryUUID as identity), lets `decide` choose full or
 * incremental from it, then pages through the people the decision asks for (`(uSNChanged>=last+1)`,
 * `(entryCSN>last)` or `(modifyTimestamp>=last)` ANDed to the profile's filter) and, on AD, the tombstones of
 * people deleted since the watermark. OpenLDAP has no server counter: its high-water mark is the greatest
 * entryCSN (or modifyTimestamp) among the entries returned, so no client clock is involved.
 */
export async function readPeople(
  connector: LdapConnector,
  options: {
    tracking: ChangeTracking;
    attributes: string[];
    decide: (state: DirectoryState) => SyncDecision;
    onPage: (entries: LdapEntry[]) => void;
  },
): Promise<PeopleRead> {
  const { connection } = connector.require();
  return connector.asService(async (client, profile) => {
    const state = await readState(client, profile, options.tracking, connection.baseDn);
    const decision = options.decide(state);
    const tracked = trackedAttribute(options.tracking);
    const attributes = tracked ? [...new Set([...options.attributes, tracked])] : options.attributes;
    const filter = personSearchFilter(profile, options.tracking, decision.kind === 'incremental' ? decision.since : null);
    let returned = 0;
    let highest: string | null = null;
    try {
      const pages = client.searchPaginated(profile.userBaseDn, {
        scope: 'sub',
        filter,
        attributes,
        explicitBufferAttributes: profile.key.format === 'guid' ? [profile.key.attribute] : [],
        paged: { pageSize: profile.pageSize },
      });
      for await (const page of pages) {
        returned += page.searchEntries.length;
        if (tracked && options.tracking !== 'usn') {
          for (const e of page.searchEntries) {
            const v = first(e[tracked]);
            if (v && (highest === null || v > highest)) highest = v;
          }
        }
        options.onPage(page.searchEntries);
      }
    } catch (err) {
      throw unavailable(err, 'the directory search failed');
    }
    if (options.tracking === 'entryCSN' || options.tracking === 'modifyTimestamp') {
      const valid = options.tracking === 'entryCSN' ? CSN : TIMESTAMP;
      const since = decision.kind === 'incremental' ? decision.since : null;
      const candidate = highest && valid.test(highest) ? highest : null;
      state.highWater = candidate && (!since || candidate > since) ? candidate : since;
    }
    let deletedKeys: string[] | null = null;
    if (options.tracking === 'usn' && decision.kind === 'incremental' && profile.key.format === 'guid') {
      deletedKeys = await readTombstones(client, profile, state, decision.since);
    }
    return { state, decision, returned, deletedKeys };
  });
}

/** The attribute whose value orders changes, or null without change tracking. */
export function trackedAttribute(tracking: ChangeTracking): string | null {
  return tracking === 'usn' ? 'uSNChanged' : tracking === 'none' ? null : tracking;
}

/** `(&<profile filter>(<tracked> newer than since))`; the values are encoded by the filter objects. */
export function personSearchFilter(profile: DirectoryProfile, tracking: ChangeTracking, since: string | null): Filter | string {
  if (!since || tracking === 'none') return profile.userFilter;
  const base = FilterParser.parseString(profile.userFilter);
  if (tracking === 'usn') {
    return new AndFilter({ filters: [base, new GreaterThanEqualsFilter({ attribute: 'uSNChanged', value: (BigInt(since) + 1n).toString() })] });
  }
  if (tracking === 'entryCSN') {
    // strictly newer: every write has its own CSN, so the entry that set the watermark is not read again
    return new AndFilter({
      filters: [
        base,
        new GreaterThanEqualsFilter({ attribute: 'entryCSN', value: since }),
        new NotFilter({ filter: new EqualityFilter({ attribute: 'entryCSN', value: since }) }),
      ],
    });
  }
  // modifyTimestamp has whole seconds: a later change within the same second must still be read
  return new AndFilter({ filters: [base, new GreaterThanEqualsFilter({ attribute: 'modifyTimestamp', value: since })] });
}

async function readState(client: Client, profile: DirectoryProfile, tracking: ChangeTracking, baseDn: string): Promise<DirectoryState> {
  try {
    if (tracking === 'usn') {
      const root = await client.search('', {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['highestCommittedUSN', 'dsServiceName', 'defaultNamingContext'],
      });
      const dse = root.searchEntries[0] ?? { dn: '' };
      const usn = first(dse.highestCommittedUSN);
      const dsServiceName = first(dse.dsServiceName);
      let invocationId: string | null = null;
      if (dsServiceName) {
        const ntds = await client
          .search(dsServiceName, { scope: 'base', filter: '(objectClass=*)', attributes: ['invocationId'], explicitBufferAttributes: ['invocationId'] })
          .catch(() => null);
        const raw = ntds?.searchEntries[0]?.invocationId;
        const bytes = Array.isArray(raw) ? raw[0] : raw;
        if (Buffer.isBuffer(bytes) && bytes.length === 16) invocationId = guidToString(bytes);
      }
      return {
        tracking,
        server: dsServiceName,
        invocationId,
        highWater: usn && USN.test(usn) ? usn : null,
        namingContext: first(dse.defaultNamingContext) ?? baseDn,
      };
    }
    // OpenLDAP (and others): the identity is the entryUUID of the base entry; a different database has another.
    const base = await client.search(profile.userBaseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['entryUUID'] });
    return { tracking, server: first(base.searchEntries[0]?.entryUUID)?.toLowerCase() ?? null, invocationId: null, highWater: null, namingContext: baseDn };
  } catch (err) {
    throw unavailable(err, 'the root DSE could not be read');
  }
}

/** Tombstones of users changed since the watermark; null when the DC refuses the control (not allowed). */
async function readTombstones(client: Client, profile: DirectoryProfile, state: DirectoryState, since: string): Promise<string[] | null> {
  const filter = new AndFilter({
    filters: [
      new EqualityFilter({ attribute: 'isDeleted', value: 'TRUE' }),
      new EqualityFilter({ attribute: 'objectClass', value: 'user' }),
      new GreaterThanEqualsFilter({ attribute: 'uSNChanged', value: (BigInt(since) + 1n).toString() }),
    ],
  });
  try {
    const keys: string[] = [];
    const pages = client.searchPaginated(
      state.namingContext,
      {
        scope: 'sub',
        filter,
        attributes: [profile.key.attribute],
        explicitBufferAttributes: [profile.key.attribute],
        paged: { pageSize: profile.pageSize },
      },
      new Control(SHOW_DELETED_OID, { critical: true }),
    );
    for await (const page of pages) {
      for (const e of page.searchEntries) {
        const raw = e[profile.key.attribute];
        const bytes = Array.isArray(raw) ? raw[0] : raw;
        if (Buffer.isBuffer(bytes) && bytes.length === 16) keys.push(guidToString(bytes));
      }
    }
    return keys;
  } catch {
    return null;
  }
}
