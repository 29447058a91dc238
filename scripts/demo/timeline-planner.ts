import { addDays } from '../../src/common/clock';
import { DemoPerson } from './population';
import { Prng } from './prng';
import { DemoEvent, ItemKind } from './timeline-model';

interface AgreementSpan {
  key: string;
  start: string;
  /** last day covered (inclusive), null: open */
  last: string | null;
}

/** Writes the events of the plan and keeps what the generation needs to know: who holds what, who is gone. */
export class Planner {
  readonly events: DemoEvent[] = [];
  private seq = 0;
  readonly agreements = new Map<number, AgreementSpan[]>();
  /** person → key of the handover that gave the laptop they hold now (during generation, in date order per era) */
  readonly laptopHolder = new Map<number, string>();
  readonly holds = { webcam: new Set<number>(), headset: new Set<number>(), mobile_router: new Set<number>() };
  readonly gone = new Set<number>();

  constructor(
    readonly rng: Prng,
    readonly people: DemoPerson[],
  ) {}

  key(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(5, '0')}`;
  }

  push(e: DemoEvent): void {
    this.events.push(e);
  }

  remoteDays(p: DemoPerson): number {
    if (p.isManager) return 1;
    return this.rng.weighted([
      [2, 40],
      [3, 45],
      [4, 10],
      [5, 5],
    ]);
  }

  agree(person: number, startDate: string, endDate: string | null = null): string {
    const key = this.key('A');
    const p = this.people[person - 1];
    this.push({ type: 'agreement', date: startDate, key, person, startDate, endDate, remoteDays: this.remoteDays(p) });
    const spans = this.agreements.get(person) ?? [];
    spans.push({ key, start: startDate, last: endDate });
    this.agreements.set(person, spans);
    return key;
  }

  inForce(person: number, date: string): AgreementSpan | null {
    return (this.agreements.get(person) ?? []).find((a) => a.start <= date && (a.last === null || date <= a.last)) ?? null;
  }

  declare(person: number, date: string, what: 'laptop' | 'broadband'): void {
    this.push({ type: 'declare', date, key: this.key('D'), person, what });
  }

  handover(person: number, date: string, kinds: ItemKind[]): string {
    const key = this.key('H');
    this.push({ type: 'handover', date, key, person, kinds });
    if (kinds.includes('laptop')) {
      if (this.laptopHolder.has(person)) throw new Error(`plan error: person ${person} would hold two laptops`);
      this.laptopHolder.set(person, key);
    }
    for (const k of ['webcam', 'headset', 'mobile_router'] as const) if (kinds.includes(k)) this.holds[k].add(person);
    return key;
  }

  returnLaptop(person: number, date: string): void {
    const handoverKey = this.laptopHolder.get(person);
    if (!handoverKey) throw new Error(`plan error: person ${person} has no laptop to return`);
    this.push({ type: 'return', date, key: this.key('R'), person, handoverKey });
    this.laptopHolder.delete(person);
  }

  stolen(person: number, date: string): void {
    const handoverKey = this.laptopHolder.get(person)!;
    this.push({ type: 'stolen', date, key: this.key('S'), person, handoverKey });
    this.laptopHolder.delete(person);
  }

  /** Ends the agreement: `justified` takes effect that day, otherwise after 30 days' notice. */
  withdraw(person: number, date: string, justified: boolean): string {
    const span = this.inForce(person, date);
    if (!span) throw new Error(`plan error: person ${person} has no agreement in force on ${date}`);
    this.push({ type: 'withdraw', date, key: this.key('X'), person, agreementKey: span.key, justified });
    const effective = justified ? date : addDays(date, 30);
    span.last = addDays(effective, -1);
    return effective;
  }

  leave(person: number, date: string): void {
    this.push({ type: 'leave', date, key: this.key('E'), person });
    this.gone.add(person);
  }

  /** People holding an agreement in force on `date`, without a laptop, not leaving, not in `exclude`. */
  laptopCandidates(date: string, pool: number[], exclude: Set<number>): number[] {
    return pool.filter((p) => !this.laptopHolder.has(p) && !this.gone.has(p) && !exclude.has(p) && this.inForce(p, date) !== null);
  }
}
