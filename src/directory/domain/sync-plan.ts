import { DirectoryPerson, EntryProblem } from './directory-entry';

/** The columns of an employee the directory may change (and the ones needed to decide). */
export interface EmployeeSnapshot {
  id: string;
  employeeNumber: string;
  externalId: string | null;
  source: string;
  username: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  serviceId: string;
  profile: string | null;
  category: string | null;
  isManager: boolean;
  active: boolean;
  deactivationReason: string | null;
  directoryDn: string | null;
  version: number;
}

export type DirectoryField =
  | 'employeeNumber'
  | 'externalId'
  | 'source'
  | 'username'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'serviceId'
  | 'profile'
  | 'category'
  | 'isManager'
  | 'directoryDn';

export type DirectoryChanges = Partial<Pick<EmployeeSnapshot, DirectoryField>>;

export const LEFT_DIRECTORY = 'left_directory';
export const DISABLED_IN_DIRECTORY = 'disabled_in_directory';
/** Deactivations the directory made, and so may undo; one made by HR is never undone by a sync. */
export const DIRECTORY_REASONS = [LEFT_DIRECTORY, DISABLED_IN_DIRECTORY];

export interface PlannedCreate {
  id: string;
  person: DirectoryPerson;
  serviceId: string;
}

export interface PlannedUpdate {
  id: string;
  version: number;
  changes: DirectoryChanges;
  /** Set when the activity changes with this update. */
  activity?: { active: true } | { active: false; reason: string };
  /** Username and employee number as they will be after the update (for events and offboarding). */
  username: string | null;
}

export interface SyncError {
  dn: string | null;
  key: string | null;
  field: string;
  reason: string;
}

export interface SyncPlan {
  creates: PlannedCreate[];
  /** Field changes, reactivations and deactivations of people still in the directory. */
  updates: PlannedUpdate[];
  servicesToCreate: { id: string; code: string }[];
  counts: { created: number; updated: number; deactivated: number; reactivated: number; unchanged: number; skipped: number };
  errors: SyncError[];
  /** Why nothing may be written, or null. */
  refusal: string | null;
  activeDirectoryEmployees: number;
}

export interface SyncPlanInput {
  people: DirectoryPerson[];
  problems: EntryProblem[];
  existing: EmployeeSnapshot[];
  serviceIdsByCode: Map<string, string>;
  autoCreateServices: boolean;
  maxDeactivationShare: number;
  newId: () => string;
  /**
   * 'full' (default): `people` is everyone, so an active directory employee missing from it has left.
   * 'incremental': `people` is only who changed since the last run and `existing` only the employees they may
   * touch (same key, number or username); leavers are the `deletedKeys` (AD tombstones) and those disabled.
   */
  kind?: 'full' | 'incremental';
  /** Incremental: stable keys of entries deleted since the last run. */
  deletedKeys?: string[];
  /** Incremental: active directory employees in the database (the base of the safety limit). */
  activeDirectoryEmployees?: number;
}

const lower = (v: string | null | undefined) => (v ?? '').toLowerCase();

/**
 * Decides what a sync does, without doing it: matches each directory person to an employee by stable key (or
 * adopts an employee with the same number and no key, e.g. one imported from CSV before the directory was
 * connected), lists field changes, creations, deactivations of people who left or were disabled and
 * reactivations, and refuses the whole run when it would deactivate more than the allowed share of active
 * directory employees: a directory that suddenly answers with nobody (wrong filter, emptied base, broken
 * replica) must never disable everyone. The limit holds for incremental runs too (a mass disable or deletion
 * in AD is refused the same way).
 */
export function planSync(input: SyncPlanInput): SyncPlan {
  const planner = new SyncPlanner(input);
  planner.add(input.people, input.problems);
  return planner.finish();
}

/** What one `add` planned that must exist before anything else: the new employees and the services they need. */
export interface PlannedCreations {
  creates: PlannedCreate[];
  servicesToCreate: { id: string; code: string }[];
}

/**
 * planSync a page at a time, as the directory answers: `add` plans the entries of the next page (its problems
 * first, then its people, as planSync does for the whole read) and returns the creations they bring, which no later
 * page can change (the first entry with a key, number or username keeps it); `finish` adds the leavers and the
 * safety limit, which need the whole read, and returns the plan. Over one `add` it is planSync exactly; over pages,
 * an entry that cannot be read is a duplicate of a readable one with its key only when it comes first.
 */
export class SyncPlanner {
  private readonly errors: SyncError[] = [];
  private readonly seenKeys = new Set<string>();
  private readonly byKey = new Map<string, EmployeeSnapshot>();
  private readonly byNumber = new Map<string, EmployeeSnapshot>();
  private readonly byUsername = new Map<string, EmployeeSnapshot>();
  private readonly creates: PlannedCreate[] = [];
  private readonly updates: PlannedUpdate[] = [];
  private readonly servicesToCreate: { id: string; code: string }[] = [];
  private readonly services: Map<string, string>;
  private readonly counts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 0, skipped: 0 };
  private readonly claimedNumbers = new Map<string, string>();
  private readonly claimedUsernames = new Map<string, string>();
  private people = 0;
  private problems = 0;
  private finished = false;

  constructor(private readonly input: Omit<SyncPlanInput, 'people' | 'problems'>) {
    for (const e of input.existing) {
      if (e.externalId) this.byKey.set(e.externalId.toLowerCase(), e);
      this.byNumber.set(e.employeeNumber, e);
      if (e.username) this.byUsername.set(lower(e.username), e);
    }
    this.services = new Map(input.serviceIdsByCode);
  }

  add(people: DirectoryPerson[], problems: EntryProblem[] = []): PlannedCreations {
    if (this.finished) throw new Error('the plan is finished');
    const { seenKeys, counts, byKey, byNumber, byUsername, claimedNumbers, claimedUsernames, services, input } = this;
    const creates: PlannedCreate[] = [];
    const servicesToCreate: { id: string; code: string }[] = [];
    for (const p of problems) {
      this.errors.push({ dn: p.dn, key: p.key, field: p.field, reason: p.reason });
      if (p.key) seenKeys.add(p.key);
    }
    counts.skipped += problems.length;
    this.problems += problems.length;
    this.people += people.length;
    const skip = (person: DirectoryPerson, field: string, reason: string) => {
      counts.skipped += 1;
      this.errors.push({ dn: person.dn, key: person.key, field, reason });
    };

    for (const person of people) {
      // Fast path, most people on most runs: known by key and nothing differs. Their number and username are
      // the ones the database already holds (unique there), so no claim is needed to catch a duplicate later.
      const known = byKey.get(person.key);
      if (known && !seenKeys.has(person.key) && !activityChange(known, person) && isSame(known, person, services.get(person.serviceCode))) {
        seenKeys.add(person.key);
        counts.unchanged += 1;
        continue;
      }
      if (seenKeys.has(person.key)) {
        skip(person, 'key', 'the same stable key appears twice in the directory');
        continue;
      }
      seenKeys.add(person.key);
      const firstWithNumber = claimedNumbers.get(person.employeeNumber);
      if (firstWithNumber) {
        skip(person, 'employeeNumber', `employee number ${person.employeeNumber} also belongs to ${firstWithNumber} in the directory`);
        continue;
      }
      const firstWithUsername = claimedUsernames.get(lower(person.username));
      if (firstWithUsername) {
        skip(person, 'username', `username ${person.username} also belongs to ${firstWithUsername} in the directory`);
        continue;
      }
      claimedNumbers.set(person.employeeNumber, person.dn);
      claimedUsernames.set(lower(person.username), person.dn);

      const sameNumber = byNumber.get(person.employeeNumber);
      let match = byKey.get(person.key);
      if (!match && sameNumber && !sameNumber.externalId) match = sameNumber;
      if (sameNumber && match?.id !== sameNumber.id) {
        skip(person, 'employeeNumber', `employee number ${person.employeeNumber} belongs to another employee (${sameNumber.id})`);
        continue;
      }
      const sameUsername = byUsername.get(lower(person.username));
      if (sameUsername && sameUsername.id !== match?.id) {
        skip(person, 'username', `username ${person.username} belongs to another employee (${sameUsername.id})`);
        continue;
      }
      let serviceId = services.get(person.serviceCode);
      if (!serviceId) {
        if (!input.autoCreateServices) {
          skip(person, 'serviceCode', `unknown service code ${person.serviceCode}`);
          continue;
        }
        serviceId = input.newId();
        services.set(person.serviceCode, serviceId);
        servicesToCreate.push({ id: serviceId, code: person.serviceCode });
      }

      if (!match) {
        creates.push({ id: input.newId(), person, serviceId });
        counts.created += 1;
        continue;
      }
      const changes = diff(match, person, serviceId);
      const activity = activityChange(match, person);
      if (!activity && Object.keys(changes).length === 0) {
        counts.unchanged += 1;
        continue;
      }
      this.updates.push({ id: match.id, version: match.version, changes, activity, username: person.username });
      if (activity?.active === false) counts.deactivated += 1;
      else if (activity?.active === true) counts.reactivated += 1;
      else counts.updated += 1;
    }
    this.creates.push(...creates);
    this.servicesToCreate.push(...servicesToCreate);
    return { creates, servicesToCreate };
  }

  finish(): SyncPlan {
    if (this.finished) throw new Error('the plan is finished');
    this.finished = true;
    const { input, seenKeys, counts, updates } = this;
    const incremental = input.kind === 'incremental';
    let activeDirectoryEmployees = 0;
    if (incremental) {
      activeDirectoryEmployees = input.activeDirectoryEmployees ?? 0;
      const gone = new Set((input.deletedKeys ?? []).map((k) => k.toLowerCase()));
      for (const e of input.existing) {
        if (e.source !== 'directory' || !e.active || !e.externalId) continue;
        const key = e.externalId.toLowerCase();
        if (!gone.has(key) || seenKeys.has(key)) continue;
        seenKeys.add(key);
        updates.push({ id: e.id, version: e.version, changes: {}, activity: { active: false, reason: LEFT_DIRECTORY }, username: e.username });
        counts.deactivated += 1;
      }
    } else {
      for (const e of input.existing) {
        if (e.source !== 'directory' || !e.active) continue;
        activeDirectoryEmployees += 1;
        if (e.externalId && !seenKeys.has(e.externalId.toLowerCase())) {
          updates.push({ id: e.id, version: e.version, changes: {}, activity: { active: false, reason: LEFT_DIRECTORY }, username: e.username });
          counts.deactivated += 1;
        }
      }
    }

    let refusal: string | null = null;
    if (!incremental && activeDirectoryEmployees > 0 && this.people === 0 && this.problems === 0) {
      refusal = `the directory returned no one while ${activeDirectoryEmployees} active employees come from it; nothing was changed`;
    } else if (activeDirectoryEmployees > 0 && counts.deactivated / activeDirectoryEmployees > input.maxDeactivationShare) {
      const pct = ((100 * counts.deactivated) / activeDirectoryEmployees).toFixed(1);
      refusal =
        `the run would deactivate ${counts.deactivated} of ${activeDirectoryEmployees} active directory employees (${pct}%), ` +
        `above the limit of ${(input.maxDeactivationShare * 100).toFixed(1)}%; nothing was changed`;
    }
    return {
      creates: this.creates,
      updates,
      servicesToCreate: this.servicesToCreate,
      counts,
      errors: this.errors,
      refusal,
      activeDirectoryEmployees,
    };
  }
}

function activityChange(e: EmployeeSnapshot, p: DirectoryPerson): PlannedUpdate['activity'] {
  if (p.disabled && e.active) return { active: false, reason: DISABLED_IN_DIRECTORY };
  if (!p.disabled && !e.active && DIRECTORY_REASONS.includes(e.deactivationReason ?? '')) return { active: true };
  return undefined;
}

function isSame(e: EmployeeSnapshot, p: DirectoryPerson, serviceId: string | undefined): boolean {
  return (
    serviceId !== undefined &&
    e.source === 'directory' &&
    e.externalId === p.key &&
    e.employeeNumber === p.employeeNumber &&
    e.username === p.username &&
    e.firstName === p.firstName &&
    e.lastName === p.lastName &&
    e.email === p.email &&
    e.serviceId === serviceId &&
    e.profile === p.profile &&
    e.category === p.category &&
    (p.isManager === undefined || e.isManager === p.isManager) &&
    e.directoryDn === p.dn
  );
}

function diff(e: EmployeeSnapshot, p: DirectoryPerson, serviceId: string): DirectoryChanges {
  const c: DirectoryChanges = {};
  if (e.externalId?.toLowerCase() !== p.key) c.externalId = p.key;
  if (e.source !== 'directory') c.source = 'directory';
  if (e.employeeNumber !== p.employeeNumber) c.employeeNumber = p.employeeNumber;
  if (e.username !== p.username) c.username = p.username;
  if (e.firstName !== p.firstName) c.firstName = p.firstName;
  if (e.lastName !== p.lastName) c.lastName = p.lastName;
  if (e.email !== p.email) c.email = p.email;
  if (e.serviceId !== serviceId) c.serviceId = serviceId;
  if (e.profile !== p.profile) c.profile = p.profile;
  if (e.category !== p.category) c.category = p.category;
  if (p.isManager !== undefined && e.isManager !== p.isManager) c.isManager = p.isManager;
  if (e.directoryDn !== p.dn) c.directoryDn = p.dn;
  return c;
}
