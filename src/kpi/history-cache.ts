import type { Measurements } from './domain/pola-report';
import type { ReferencePoint } from './domain/reference-date';
import { HistoryLedger, planChanges } from './history-ledger';
import type { Holdings, KpiRepository } from './kpi.repository';

/** The heavy aggregates of a reference point: what the cache keeps. */
export interface HistoryAggregates {
  held: Holdings;
  investment: { cents: number; lots: number };
  distributed: Measurements['distributed'];
  agreements: { services: Measurements['services']; eligibleTotal: number; inForceTotal: number };
}

type Services = Array<{ id: string; code: string; name: string }>;

interface Entry {
  /** The audit head the entry is valid at. */
  seq: number;
  hash: string;
  value: HistoryAggregates;
  /** Null once evicted from the few dates kept up to date (the value stays until the head moves). */
  ledger: HistoryLedger | null;
  services: Services;
  /** Updates applied since the last full read: after MAX_UPDATES the next change reads everything again. */
  updates: number;
  /** The cutoff the entry was read at, and the employees changed at or after it (not counted yet: read again once it moves). */
  cutoff: string;
  /** 'all': changes at or after the cutoff that could not be mapped to employees; the entry holds for that cutoff only. */
  late: Set<string> | 'all';
}

/** The entry answers for `ref` at `head`: same head, and nothing changed at or after its cutoff if the cutoff has moved. */
const answers = (e: Entry | undefined, ref: ReferencePoint, head: { seq: number; hash: string }): e is Entry =>
  !!e && e.seq === head.seq && e.hash === head.hash && (e.cutoff === ref.cutoff || (e.late !== 'all' && e.late.size === 0));

/** Reference points remembered (about one per year on the dashboard). */
const MEMO_SIZE = 32;
/** Of those, how many keep their per-employee ledger (about 10,000 small records each at 10,000 employees). */
const LEDGERS = 8;
/** More audit events than this since the entry, or more employees touched, and a full read is cheaper. */
const MAX_EVENTS = 500;
const MAX_EMPLOYEES = 200;
/** A full read now and then, so that nothing the events did not say (a fix made by hand in the database) lasts. */
const MAX_UPDATES = 1000;
const DAY_MS = 86_400_000;
/** How many of the last events a full read of the running year looks at for changes stamped at or after its cutoff. */
const LATE_WINDOW = 50;

/**
 * The history aggregates of each reference date (holdings, investment, equipment by month, agreements vs eligible),
 * remembered with the audit head they are valid at and kept up to date as changes happen (issue 14). Every change
 * the service makes appends an audit event in its own transaction: while the head has not moved, the data has not
 * either and a repeated question costs one primary-key read; when it has, the events since say which employees
 * changed, and only their shares are read again (HistoryLedger) — a few index look-ups instead of a pass over every
 * handover. Lots and services are read again (one small query each) when one changed, the equipment-by-month
 * counts when items were handed over within the year. An event that cannot be mapped, too many events or too many
 * employees, a head not found as it was seen (an uncommitted event rolled back): a full read, as before.
 * For the current year the cutoff is "now": any event between two "now"s moves the head, so the same holds.
 */
export class HistoryCache {
  private readonly memo = new Map<string, Entry>();
  /** One read or update at a time: two updates of one entry interleaved could leave an older share behind. */
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  constructor(private readonly repository: KpiRepository) {}

  clear(): void {
    this.memo.clear();
  }

  async get(ref: ReferencePoint): Promise<HistoryAggregates> {
    const head = await this.repository.auditHead();
    const known = this.memo.get(ref.date);
    if (answers(known, ref, head)) return known.value;
    // The head is read before the data: a change committed meanwhile is after it and is applied next time. Behind
    // another refresh, read it again once that one is done.
    const idle = this.pending === 0;
    this.pending++;
    const run = this.queue.then(() => this.refresh(ref, idle ? head : undefined)).finally(() => this.pending--);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async refresh(ref: ReferencePoint, seen?: { seq: number; hash: string }): Promise<HistoryAggregates> {
    const head = seen ?? (await this.repository.auditHead());
    const key = ref.date;
    const known = this.memo.get(key);
    if (answers(known, ref, head)) return known.value;
    const entry = (known && (await this.update(known, ref, head))) || (await this.build(ref, head));
    this.memo.delete(key);
    this.memo.set(key, entry);
    if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value!);
    const kept = [...this.memo.values()].filter((e) => e.ledger);
    for (const old of kept.slice(0, Math.max(0, kept.length - LEDGERS))) old.ledger = null;
    return entry.value;
  }

  /** Everything read afresh: the per-employee shares of the date, lots, equipment by month, services. */
  private async build(ref: ReferencePoint, head: { seq: number; hash: string }): Promise<Entry> {
    const r = this.repository;
    // Queries run one after the other: on SQLite they share one connection anyway.
    const ledger = new HistoryLedger(await r.shares(ref));
    const investment = await r.investment(ref);
    const distributed = await r.distributedByMonth(ref);
    const services = await r.services();
    const value = assemble(ledger, investment, distributed, services);
    const late = ref.current ? await this.lateSince(ref, head) : new Set<string>();
    return { seq: head.seq, hash: head.hash, value, ledger, services, updates: 0, cutoff: ref.cutoff, late };
  }

  /**
   * The employees of the last events stamped at or after the cutoff "now" (a change in the same millisecond as the
   * read, or any change under a fixed clock): not counted yet, they are read again once the cutoff moves on.
   */
  private async lateSince(ref: ReferencePoint, head: { seq: number }): Promise<Set<string> | 'all'> {
    const recent = await this.repository.changesSince({ seq: Math.max(0, head.seq - LATE_WINDOW) }, head.seq, LATE_WINDOW);
    if (!recent) return 'all';
    const late = recent.filter((e) => e.occurredAt >= ref.cutoff);
    if (late.length === 0) return new Set();
    if (late.length === recent.length && head.seq > LATE_WINDOW) return 'all';
    const plan = planChanges(late, MAX_EMPLOYEES);
    if (plan.kind === 'rebuild') return 'all';
    const employees = new Set(plan.employees);
    for (const id of await this.repository.employeesOf([...plan.handovers], [...plan.agreements])) employees.add(id);
    return employees;
  }

  /** The entry brought up to `head` from the events since, or null when a full read is needed. */
  private async update(known: Entry, ref: ReferencePoint, head: { seq: number; hash: string }): Promise<Entry | null> {
    const ledger = known.ledger;
    if (known.late === 'all') return null;
    if (!ledger || known.updates >= MAX_UPDATES || head.seq < known.seq || (head.seq === known.seq && head.hash !== known.hash)) return null;
    const r = this.repository;
    const events = await r.changesSince(known, head.seq, MAX_EVENTS);
    if (!events) return null;
    const plan = planChanges(events, MAX_EMPLOYEES);
    if (plan.kind === 'rebuild') return null;
    const employees = new Set(plan.employees);
    for (const id of await r.employeesOf([...plan.handovers], [...plan.agreements])) employees.add(id);
    // A change stamped at or after the cutoff (the same instant as "now", a fixed clock) is not counted at this cutoff
    // (instants compare with `<`): its employees are read again when the cutoff moves on.
    const late = ref.current && events.some((e) => e.occurredAt >= ref.cutoff) ? new Set(employees) : new Set<string>();
    for (const id of known.late) employees.add(id);
    if (employees.size > MAX_EMPLOYEES) return null;
    const fresh = await r.shares(ref, [...employees]);
    const investment = plan.lots ? await r.investment(ref) : known.value.investment;
    const distributed = plan.handedOverAt.some((at) => mayFallWithin(at, ref)) ? await r.distributedByMonth(ref) : known.value.distributed;
    const services = plan.services ? await r.services() : known.services;
    ledger.replace(employees, fresh);
    const value = assemble(ledger, investment, distributed, services);
    return { seq: head.seq, hash: head.hash, value, ledger, services, updates: known.updates + 1, cutoff: ref.cutoff, late };
  }
}

/**
 * Items handed over at `at` (the audit event's instant, in the handover's own transaction) may be dated within the
 * reference year: a handover is dated the municipal day of its instant, so anything a day or more outside
 * [1 January, cutoff) is not.
 */
function mayFallWithin(at: string, ref: ReferencePoint): boolean {
  const t = Date.parse(at);
  return !(t >= Date.parse(ref.cutoff) + DAY_MS || t < Date.parse(`${ref.yearStart}T00:00:00Z`) - DAY_MS);
}

function assemble(
  ledger: HistoryLedger,
  investment: HistoryAggregates['investment'],
  distributed: HistoryAggregates['distributed'],
  services: Services,
): HistoryAggregates {
  const t = ledger.totals;
  return {
    held: { laptops: t.laptops, workers: t.workers, equipped: t.equipped, leavers: { leavers: t.leavers, holding: t.holding, assetsHeld: t.assetsHeld } },
    investment,
    distributed,
    agreements: {
      services: services
        .map((s) => ({ code: s.code, name: s.name, eligible: t.eligibleByService.get(s.id) ?? 0, inForce: t.inForceByService.get(s.id) ?? 0 }))
        .filter((s) => s.eligible > 0 || s.inForce > 0),
      eligibleTotal: t.eligibleTotal,
      inForceTotal: t.inForceTotal,
    },
  };
}
