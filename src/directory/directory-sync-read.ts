import { randomUUID } from 'node:crypto';
import { Tx } from '../database/unit-of-work';
import { DirectoryPerson, EntryProblem, requestedAttributes, toDirectoryPerson } from './domain/directory-entry';
import { DirectoryProfile } from './domain/directory-profile';
import { EmployeeSnapshot, planSync, PlannedCreations, SyncPlan, SyncPlanner } from './domain/sync-plan';
import { ChangeTracking, decideSync, SyncDecision, SyncKind, Watermark } from './domain/sync-watermark';
import { EmployeeRepository } from './employee.repository';
import { EmployeeSyncSnapshots } from './employee-sync-snapshots';
import { LdapConnector } from './ldap/ldap-connector';
import { PeopleRead, readPeople } from './ldap/ldap-changes';

export interface SyncReadInput {
  profile: DirectoryProfile;
  today: string;
  requested: SyncKind;
  requestedReason: string;
  tracking: ChangeTracking;
  scope: string;
  last: Watermark | null;
  serviceIdsByCode: Promise<Map<string, string>>;
  /**
   * The transaction the run writes in, when it reads inside it (PostgreSQL): the employees are read in it too, so a
   * run holds one connection of the pool, never waits for a second one (a pool of one would wait for ever).
   */
  tx?: Tx;
  /** Hears how many entries have been read so far: the run's count (one that fails half-way still says how far it got). */
  onEntries?: (entries: number) => void;
  /**
   * A full run hands over here, page by page while the directory is still answering, the people the plan creates
   * and the services they need (no later page can change them); the plan still lists every creation, and the caller
   * knows whether it wrote them. Not called for incremental runs.
   */
  creations?: (planned: PlannedCreations) => Promise<void>;
}

export interface SyncRead {
  read: PeopleRead;
  decision: SyncDecision;
  plan: SyncPlan;
  /** Whether the plan's creations were handed over to `creations` (a full run given one) or are still to write. */
  handedOver: boolean;
}

/**
 * A run's read of the directory and its plan. A full run plans each page as it arrives (SyncPlanner), against every
 * employee loaded once while the directory answers, so the plan is ready when the last page is; the leavers and the
 * safety limit are decided at the end, over the whole read. An incremental run reads the changes, then loads only
 * the employees they may touch and plans them.
 */
export async function readAndPlan(
  deps: { ldap: LdapConnector; employees: EmployeeRepository; snapshots: EmployeeSyncSnapshots },
  input: SyncReadInput,
): Promise<SyncRead> {
  const { profile, today } = input;
  const people: DirectoryPerson[] = [];
  const problems: EntryProblem[] = [];
  let entries = 0;
  let planner: Promise<SyncPlanner> | null = null;
  // pages planned (and handed over) one after the other; a failure stops the ones behind it and is thrown at the end
  let planned: Promise<void> = Promise.resolve();
  const planPage = (pagePeople: DirectoryPerson[], pageProblems: EntryProblem[]) => {
    const ready = planner as Promise<SyncPlanner>;
    planned = planned.then(async () => {
      const creations = (await ready).add(pagePeople, pageProblems);
      if (input.creations && (creations.creates.length > 0 || creations.servicesToCreate.length > 0)) await input.creations(creations);
    });
    planned.catch(() => undefined); // handled when awaited below; until then the read goes on
  };
  let read: PeopleRead;
  try {
    read = await readPeople(deps.ldap, {
      tracking: input.tracking,
      attributes: requestedAttributes(profile),
      decide: (state) => {
        const decision = decideSync({
          requested: input.requested,
          requestedReason: input.requestedReason,
          tracking: input.tracking,
          scope: input.scope,
          last: input.last,
          state,
        });
        if (decision.kind === 'full') {
          planner = Promise.all([deps.employees.snapshots(input.tx), input.serviceIdsByCode]).then(([existing, serviceIdsByCode]) =>
            newPlanner(profile, existing, serviceIdsByCode),
          );
          planner.catch(() => undefined);
        }
        return decision;
      },
      onPage: (page) => {
        entries += page.length;
        input.onEntries?.(entries);
        const pagePeople: DirectoryPerson[] = [];
        const pageProblems: EntryProblem[] = [];
        for (const entry of page) {
          const r = toDirectoryPerson(entry, profile, today);
          if (r.ok) pagePeople.push(r.person);
          else pageProblems.push(r.problem);
        }
        if (planner) planPage(pagePeople, pageProblems);
        else {
          people.push(...pagePeople);
          problems.push(...pageProblems);
        }
      },
    });
  } catch (err) {
    await planned.catch(() => undefined); // nothing still writing when the caller's transaction ends
    throw err;
  }
  const { decision } = read;
  if (planner) {
    await planned;
    return { read, decision, plan: (await (planner as Promise<SyncPlanner>)).finish(), handedOver: input.creations !== undefined };
  }
  const deletedKeys = read.deletedKeys ?? [];
  const existing = await deps.snapshots.matching(
    [...people.map((p) => p.key), ...problems.flatMap((p) => (p.key ? [p.key] : [])), ...deletedKeys],
    people.map((p) => p.employeeNumber),
    people.map((p) => p.username),
    input.tx,
  );
  const plan = planSync({
    people,
    problems,
    existing,
    serviceIdsByCode: await input.serviceIdsByCode,
    autoCreateServices: profile.services.autoCreate,
    maxDeactivationShare: profile.maxDeactivationShare,
    newId: randomUUID,
    kind: 'incremental',
    deletedKeys,
    activeDirectoryEmployees: await deps.snapshots.activeDirectoryEmployees(input.tx),
  });
  return { read, decision, plan, handedOver: false };
}

function newPlanner(profile: DirectoryProfile, existing: EmployeeSnapshot[], serviceIdsByCode: Map<string, string>): SyncPlanner {
  return new SyncPlanner({
    existing,
    serviceIdsByCode,
    autoCreateServices: profile.services.autoCreate,
    maxDeactivationShare: profile.maxDeactivationShare,
    newId: randomUUID,
    kind: 'full',
  });
}
