/**
 * The bookkeeping behind KpiService's history aggregates kept up to date as changes happen (issue 14): plain
 * TypeScript, no SQL, no Nest. The aggregates of a reference date (holdings, agreements vs eligible by service) are
 * sums over employees of what each contributes; the ledger keeps every contributing employee's share and the
 * running sums, so that when a few employees change only their shares are read again and the differences applied.
 * `planChanges` says, from the audit events since the ledger was built, which employees to read again — or that
 * the ledger must be rebuilt from scratch (an event it cannot map, or too many employees touched).
 */

/** What one employee contributes on a reference date (as read by KpiRepository.contributions). */
export interface EmployeeShare {
  employeeId: string;
  /** The employee's service; null when the row has none or there is no employee row. */
  serviceId: string | null;
  /** An employee row exists (an agreement of a removed employee still counts as a worker, not in a service). */
  known: boolean;
  /** An agreement in force. */
  worker: boolean;
  /** Active then and linked to a remote-capable activity. */
  eligible: boolean;
  /** Deactivated before the cutoff. */
  leaver: boolean;
  laptopsHeld: number;
  itemsHeld: number;
  /** A laptop (held or declared) and a data line (a held router or declared broadband). */
  equipped: boolean;
}

export interface LedgerTotals {
  workers: number;
  laptops: number;
  equipped: number;
  leavers: number;
  holding: number;
  assetsHeld: number;
  eligibleTotal: number;
  inForceTotal: number;
  /** By service id ('' for none): eligible employees, and employees with an agreement in force. */
  eligibleByService: Map<string, number>;
  inForceByService: Map<string, number>;
}

const NO_SERVICE = '';

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** An employee's share counts for nothing: no need to keep it. */
export function contributes(s: EmployeeShare): boolean {
  return s.worker || s.eligible || s.leaver;
}

export class HistoryLedger {
  private readonly shares = new Map<string, EmployeeShare>();
  readonly totals: LedgerTotals = {
    workers: 0,
    laptops: 0,
    equipped: 0,
    leavers: 0,
    holding: 0,
    assetsHeld: 0,
    eligibleTotal: 0,
    inForceTotal: 0,
    eligibleByService: new Map(),
    inForceByService: new Map(),
  };

  constructor(shares: Iterable<EmployeeShare>) {
    for (const s of shares) this.add(s);
  }

  get size(): number {
    return this.shares.size;
  }

  /** Replaces the shares of `employeeIds` by `fresh` (read again for exactly those employees; absent = contributes nothing). */
  replace(employeeIds: Iterable<string>, fresh: Iterable<EmployeeShare>): void {
    for (const id of employeeIds) {
      const old = this.shares.get(id);
      if (old) this.apply(old, -1);
      this.shares.delete(id);
    }
    for (const s of fresh) {
      const old = this.shares.get(s.employeeId);
      if (old) this.apply(old, -1);
      this.shares.delete(s.employeeId);
      this.add(s);
    }
  }

  private add(s: EmployeeShare): void {
    if (!contributes(s)) return;
    const old = this.shares.get(s.employeeId);
    if (old) this.apply(old, -1);
    this.shares.set(s.employeeId, s);
    this.apply(s, 1);
  }

  private apply(s: EmployeeShare, sign: 1 | -1): void {
    const t = this.totals;
    const service = s.serviceId ?? NO_SERVICE;
    if (s.worker) {
      t.workers += sign;
      t.laptops += sign * s.laptopsHeld;
      if (s.equipped) t.equipped += sign;
      if (s.known) {
        t.inForceTotal += sign;
        bump(t.inForceByService, service, sign);
      }
    }
    if (s.leaver) {
      t.leavers += sign;
      if (s.itemsHeld > 0) t.holding += sign;
      t.assetsHeld += sign * s.itemsHeld;
    }
    if (s.eligible) {
      t.eligibleTotal += sign;
      bump(t.eligibleByService, service, sign);
    }
  }
}

/** An audit event as the ledger reads it. */
export interface ChangeEvent {
  occurredAt: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: Record<string, unknown>;
}

/** What the events since the ledger was built ask for. */
export type ChangePlan =
  | { kind: 'rebuild'; reason: string }
  | {
      kind: 'update';
      employees: Set<string>;
      /** Handovers and agreements whose employee must be looked up first. */
      handovers: Set<string>;
      agreements: Set<string>;
      /** Items were handed over at these instants (the equipment-by-month counts may have moved). */
      handedOverAt: string[];
      /** A lot changed (investment), a service was added (the services' table). */
      lots: boolean;
      services: boolean;
    };

/** Entities whose changes touch nothing the history aggregates read (tokens, VPN, PKI, logins, device models). */
const UNRELATED = new Set([
  'api_token',
  'vpn-account',
  'vpn-bulk-onboarding',
  'vpn-gateway',
  'pki-ca',
  'certificate',
  'directory_login',
  'device_model',
  'purchase',
  'kpi_attendance_totals',
  'kpi_declared_value',
  'training_course',
]);
/**
 * No employee to read again: lots (investment) and services (their names and codes) are read again whole, a cheap query
 * each; a new asset is in stock (held by nobody) and a refused change or a signature changes no table the aggregates read.
 */
const NOTHING_TO_REREAD = new Set([
  'asset.created',
  'handover.refused',
  'handover.signed',
  'employee.change_refused',
  'employee.reach_refused',
  'directory.sync_requested',
  'directory.sync_failed',
  'directory.sync_refused',
]);

const idIn = (summary: Record<string, unknown>, key: string): string | null | undefined => {
  if (!(key in summary)) return undefined;
  const v = summary[key];
  return typeof v === 'string' ? v : v === null ? null : undefined;
};

/**
 * The employees the events concern, or a rebuild. Employee events name the employee; handovers and agreements are
 * looked up (a new handover and a new agreement name theirs in the summary); an incident on an asset names its holder
 * then. Anything else that can change the data — an activity map import, an employee import, a directory sync run,
 * an offboarding step, any entity not known here — asks for a rebuild, as does touching more than `maxEmployees`.
 */
export function planChanges(events: readonly ChangeEvent[], maxEmployees: number): ChangePlan {
  const employees = new Set<string>();
  const handovers = new Set<string>();
  const agreements = new Set<string>();
  const handedOverAt: string[] = [];
  let lots = false;
  let services = false;
  for (const e of events) {
    if (UNRELATED.has(e.entityType) || NOTHING_TO_REREAD.has(e.action)) continue;
    switch (e.entityType) {
      case 'purchase_lot':
        lots = true;
        break;
      case 'service':
        services = true;
        break;
      case 'employee':
        employees.add(e.entityId);
        break;
      case 'handover': {
        const holder = idIn(e.summary, 'employeeId');
        if (holder) employees.add(holder);
        else handovers.add(e.entityId);
        if (e.action === 'handover.created') handedOverAt.push(e.occurredAt);
        break;
      }
      case 'agreement': {
        const holder = idIn(e.summary, 'employeeId');
        if (holder) employees.add(holder);
        else agreements.add(e.entityId);
        break;
      }
      case 'asset': {
        const holder = idIn(e.summary, 'holderEmployeeId');
        if (holder === undefined) return { kind: 'rebuild', reason: `${e.action} names no holder` };
        if (holder) employees.add(holder);
        break;
      }
      default:
        return { kind: 'rebuild', reason: `${e.entityType} ${e.action}` };
    }
    if (employees.size + handovers.size + agreements.size > maxEmployees) return { kind: 'rebuild', reason: 'too many employees touched' };
  }
  return { kind: 'update', employees, handovers, agreements, handedOverAt, lots, services };
}
