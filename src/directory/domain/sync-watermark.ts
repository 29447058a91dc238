/**
 * Incremental directory sync: what the directory said about itself before a read, what the last good run left
 * behind, and the rule that decides whether this run may ask only for what changed since then. Anything that
 * makes "changed since" unreliable — no earlier run, another server answering, a server restored from backup
 * (its USN went backwards or its invocationId changed), a different base/filter/mapping — means a full read,
 * because an incremental run over a broken watermark would silently miss people, and so leavers.
 */

/** How changes are found: AD's uSNChanged, OpenLDAP's entryCSN, a modifyTimestamp, or not at all. */
export type ChangeTracking = 'usn' | 'entryCSN' | 'modifyTimestamp' | 'none';
export const CHANGE_TRACKINGS: readonly ChangeTracking[] = ['usn', 'entryCSN', 'modifyTimestamp', 'none'];

export type SyncKind = 'full' | 'incremental';

/** The directory as it answered a run, read before its search (AD) or from the entries it returned (others). */
export interface DirectoryState {
  tracking: ChangeTracking;
  /** AD: the DC's dsServiceName; OpenLDAP: the entryUUID of the user base entry. */
  server: string | null;
  /** AD: the DC's invocationId (a restore from backup gives the DC a new one). */
  invocationId: string | null;
  /** Where the next incremental run starts: AD highestCommittedUSN; OpenLDAP the greatest entryCSN seen. */
  highWater: string | null;
  /** AD: defaultNamingContext (where tombstones live). */
  namingContext: string;
}

/** What the last good run left for the next one. */
export interface Watermark {
  tracking: ChangeTracking;
  highWater: string;
  identity: string;
  /** Fingerprint of the profile's base, filter and mapping: a change of scope needs a full read. */
  scope: string;
}

export type SyncDecision = { kind: 'full'; reason: string } | { kind: 'incremental'; since: string; reason: string };

export function identityOf(state: Pick<DirectoryState, 'server' | 'invocationId'>): string {
  return `${state.server ?? ''}|${state.invocationId ?? ''}`;
}

export interface DecisionInput {
  requested: SyncKind;
  /** Why a full run was asked for (manual, scheduled reconciliation). */
  requestedReason: string;
  tracking: ChangeTracking;
  scope: string;
  last: Watermark | null;
  state: DirectoryState;
}

export function decideSync(input: DecisionInput): SyncDecision {
  const { last, state } = input;
  const full = (reason: string): SyncDecision => ({ kind: 'full', reason });
  if (input.requested === 'full') return full(input.requestedReason);
  if (input.tracking === 'none') return full('the directory profile has no change tracking');
  if (!last) return full('no earlier complete run to continue from');
  if (last.tracking !== input.tracking) return full(`change tracking changed (${last.tracking} → ${input.tracking})`);
  if (last.scope !== input.scope) return full('the base, filter or attribute mapping changed since the last run');
  if (!state.server) return full('the directory did not say which server it is');
  const [lastServer, lastInvocation] = splitIdentity(last.identity);
  if (lastServer !== state.server) return full(`a different server answered (${state.server}; the last run read ${lastServer || 'an unknown one'})`);
  if (lastInvocation !== (state.invocationId ?? '')) {
    return full(`the DC's invocationId changed (${lastInvocation || 'none'} → ${state.invocationId ?? 'none'}): restored from backup?`);
  }
  if (input.tracking === 'usn') {
    if (!state.highWater) return full('the DC did not give its highestCommittedUSN');
    if (BigInt(state.highWater) < BigInt(last.highWater)) {
      return full(`the DC's highestCommittedUSN (${state.highWater}) is below the last run's (${last.highWater}): restored from backup?`);
    }
    return { kind: 'incremental', since: last.highWater, reason: `changes after USN ${last.highWater}` };
  }
  return { kind: 'incremental', since: last.highWater, reason: `changes after ${input.tracking} ${last.highWater}` };
}

function splitIdentity(identity: string): [string, string] {
  const at = identity.lastIndexOf('|');
  return at < 0 ? [identity, ''] : [identity.slice(0, at), identity.slice(at + 1)];
}

/**
 * The profile's change tracking (`changeTracking`), or the natural one of its kind of directory when the profile
 * does not say: uSNChanged for AD (objectGUID keys), entryCSN otherwise.
 */
export function changeTrackingOf(profile: { key: { format: string } }): ChangeTracking {
  const v = (profile as { changeTracking?: unknown }).changeTracking;
  if (typeof v === 'string' && (CHANGE_TRACKINGS as readonly string[]).includes(v)) return v as ChangeTracking;
  return profile.key.format === 'guid' ? 'usn' : 'entryCSN';
}

/** The cron of the full reconciliation (`fullSchedule`; null switches it off), 02:30 every day by default. */
export function fullScheduleOf(profile: object): string | null {
  const v = (profile as { fullSchedule?: unknown }).fullSchedule;
  if (v === null) return null;
  return typeof v === 'string' && v.length >= 9 ? v : '30 2 * * *';
}
