import { addDays } from '../../src/common/clock';
import { DemoPerson, Population } from './population';
import { Prng } from './prng';

/**
 * The demo municipality's history, 2019-2025, as dated events the runner replays through the services with a
 * clock set to each event's date. Built from the seed's figures: the 2020 emergency (148 laptops, 130 webcams,
 * 200 headsets in March-April; 548 people in smart working at the end of the year), the 2020 baseline of 236
 * laptops for remote work and 30,000 € of hardware, and a realistic path toward the 300 / 350 / 400 targets
 * (met in 2021, a little behind in 2022, met in 2023). `replay` checks the plan against those figures before a
 * single row is written.
 */
export type ItemKind = 'laptop' | 'docking_station' | 'monitor' | 'webcam' | 'headset' | 'mobile_router';

export interface LotPlan {
  key: string;
  kind: ItemKind;
  manufacturer: string;
  model: string;
  supplier: string;
  consipConvention: string | null;
  consipLot: string | null;
  cig: string;
  orderNumber: string;
  orderDate: string;
  deliveryDate: string;
  quantity: number;
  unitPriceCents: number;
  warrantyMonths: number;
}

export type DemoEvent =
  | { type: 'lot'; date: string; key: string; lot: LotPlan }
  | { type: 'intake'; date: string; key: string; lotKey: string }
  | { type: 'agreement'; date: string; key: string; person: number; startDate: string; endDate: string | null; remoteDays: number }
  | { type: 'declare'; date: string; key: string; person: number; what: 'laptop' | 'broadband' }
  | { type: 'handover'; date: string; key: string; person: number; kinds: ItemKind[] }
  | { type: 'return'; date: string; key: string; person: number; handoverKey: string }
  | { type: 'stolen'; date: string; key: string; person: number; handoverKey: string }
  | { type: 'withdraw'; date: string; key: string; person: number; agreementKey: string; justified: boolean }
  | { type: 'leave'; date: string; key: string; person: number }
  | { type: 'sweep'; date: string; key: string };

/** Same-day order: stock arrives first, people leave last, the nightly sweep after everything. */
const DAY_ORDER: Record<DemoEvent['type'], number> = { lot: 0, intake: 1, agreement: 2, declare: 3, return: 4, stolen: 5, withdraw: 6, handover: 7, leave: 8, sweep: 9 };

export interface DemoPlan {
  events: DemoEvent[];
  lots: LotPlan[];
  /** what the replay computed: the figures the indicators must read */
  expected: ReplayFigures;
}

export interface ReplayFigures {
  /** municipal laptops held on 31 December by someone with an agreement in force then */
  laptopsByYear: Record<number, number>;
  agreementsInForceByYear: Record<number, number>;
  equippedByYear: Record<number, number>;
  investmentCentsByYear: Record<number, number>;
  /** 2020: laptops, webcams and headsets handed out in March and April */
  firstPeriod2020: { laptop: number; webcam: number; headset: number };
  eligible: number;
  employees: number;
  /** at the end of the timeline (31 December 2025): who has an agreement in force, and who holds a municipal laptop */
  holdersAtEnd: number[];
  laptopHoldersAtEnd: number[];
  /** people who never had an agreement */
  neverAgreed: number[];
}

/** The seed's figures the plan must reproduce (POLA Part 4, sections 1.2 and 2.1). */
export const LAPTOP_PATH: Record<number, number> = { 2020: 236, 2021: 303, 2022: 344, 2023: 401 };

// ---------------------------------------------------------------- calendar helpers

export function isWeekday(date: string): boolean {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
}

/** Working days of a month from `fromDay` to `toDay` (inclusive). */
export function workingDays(year: number, month: number, fromDay = 1, toDay = 31): string[] {
  const out: string[] = [];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  for (let d = Math.max(1, fromDay); d <= Math.min(last, toDay); d++) {
    const date = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (isWeekday(date)) out.push(date);
  }
  return out;
}

/** `n` working days of a month (repeats allowed), sorted. */
function datesIn(rng: Prng, year: number, month: number, n: number, fromDay = 1, toDay = 31): string[] {
  const days = workingDays(year, month, fromDay, toDay);
  if (!days.length) throw new Error(`no working day in ${year}-${month} from ${fromDay} to ${toDay}`);
  return Array.from({ length: n }, () => rng.pick(days)).sort();
}

/** The first working day on or after a date. */
function onWorkingDay(date: string): string {
  let d = date;
  while (!isWeekday(d)) d = addDays(d, 1);
  return d;
}

// ---------------------------------------------------------------- purchase lots

const lot = (
  key: string,
  kind: ItemKind,
  manufacturer: string,
  model: string,
  orderDate: string,
  deliveryDate: string,
  quantity: number,
  unitPriceCents: number,
  extra: Partial<LotPlan> = {},
): LotPlan => ({
  key,
  kind,
  manufacturer,
  model,
  supplier: kind === 'laptop' || kind === 'docking_station' || kind === 'monitor' ? 'Converge S.p.A.' : 'Italware S.r.l.',
  consipConvention: kind === 'laptop' ? 'PC Portatili e Tablet' : null,
  consipLot: kind === 'laptop' ? 'Lotto 1' : null,
  cig: `8D${key.replace(/[^0-9A-Z]/gi, '').toUpperCase().padEnd(8, '0').slice(0, 8)}`,
  orderNumber: `DEMO-ODA-${key}`,
  orderDate,
  deliveryDate,
  quantity,
  unitPriceCents,
  warrantyMonths: kind === 'laptop' ? 36 : 24,
  ...extra,
});

/**
 * Lots of 50-100 pieces (seed 2.5a). 2019: the laptops bought before the emergency for the planned replacement of
 * desktops — the stock the March 2020 handouts came from. 2020: what the market let the municipality buy during
 * the emergency: 30,000 € (the baseline). 2021-2023: toward the targets (100,000 / 50,000 / 20,000 €).
 */
export const LOTS: LotPlan[] = [
  lot('2019-L1', 'laptop', 'Lenovo', 'ThinkPad L14 Gen 1', '2019-05-06', '2019-06-12', 100, 61_200),
  lot('2019-L2', 'laptop', 'Lenovo', 'ThinkPad L14 Gen 1', '2019-10-14', '2019-11-20', 100, 59_800),
  lot('2020-H1', 'headset', 'Jabra', 'Evolve 20 MS Stereo', '2020-03-02', '2020-03-09', 100, 1_300),
  lot('2020-W1', 'webcam', 'Logitech', 'C270 HD', '2020-03-03', '2020-03-10', 100, 2_900),
  lot('2020-H2', 'headset', 'Jabra', 'Evolve 20 MS Stereo', '2020-03-09', '2020-03-16', 100, 1_300),
  lot('2020-W2', 'webcam', 'Logitech', 'C270 HD', '2020-03-16', '2020-03-23', 50, 2_900),
  lot('2020-L1', 'laptop', 'HP', 'ProBook 450 G7', '2020-03-23', '2020-04-06', 40, 56_000),
  lot('2020-H3', 'headset', 'Jabra', 'Evolve 20 MS Stereo', '2020-04-20', '2020-05-04', 50, 1_300),
  lot('2021-R1', 'mobile_router', 'Huawei', 'E5576-320', '2021-01-25', '2021-02-10', 30, 7_900),
  lot('2021-L1', 'laptop', 'Lenovo', 'ThinkPad T14 Gen 2', '2021-02-15', '2021-03-15', 80, 64_900),
  lot('2021-D1', 'docking_station', 'Lenovo', 'ThinkPad USB-C Dock Gen 2', '2021-02-15', '2021-03-15', 60, 11_900),
  lot('2021-M1', 'monitor', 'Philips', '243V7QDAB 24"', '2021-02-15', '2021-03-15', 41, 13_900),
  lot('2021-H1', 'headset', 'Jabra', 'Evolve2 30 USB-C', '2021-04-26', '2021-05-10', 100, 1_400),
  lot('2021-W1', 'webcam', 'Logitech', 'C505e', '2021-04-26', '2021-05-10', 20, 2_900),
  lot('2021-L2', 'laptop', 'Lenovo', 'ThinkPad T14 Gen 2', '2021-08-30', '2021-09-20', 50, 62_900),
  lot('2022-L1', 'laptop', 'Dell', 'Latitude 5430', '2022-03-14', '2022-04-11', 60, 67_900),
  lot('2022-R1', 'mobile_router', 'Huawei', 'E5576-320', '2022-03-14', '2022-04-11', 20, 7_900),
  lot('2022-H1', 'headset', 'Jabra', 'Evolve2 30 USB-C', '2022-05-23', '2022-06-06', 50, 1_400),
  lot('2022-D1', 'docking_station', 'Dell', 'WD19S', '2022-09-12', '2022-10-03', 40, 11_900),
  lot('2023-L1', 'laptop', 'Dell', 'Latitude 5440', '2023-02-20', '2023-03-20', 50, 65_900),
  lot('2023-H1', 'headset', 'Jabra', 'Evolve2 30 USB-C', '2023-05-02', '2023-05-15', 40, 1_400),
];

// ---------------------------------------------------------------- the planner

interface AgreementSpan {
  key: string;
  start: string;
  /** last day covered (inclusive), null: open */
  last: string | null;
}

class Planner {
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

/** Monthly handout quotas (month → count). */
type Quotas = Record<number, number>;

const LAPTOPS_2020: Quotas = { 3: 120, 4: 28, 5: 14, 6: 10, 7: 8, 8: 2, 9: 12, 10: 20, 11: 15, 12: 10 };
const WEBCAMS_2020: Quotas = { 3: 95, 4: 35, 5: 4, 6: 2, 9: 3, 10: 4, 11: 2 };
const HEADSETS_2020: Quotas = { 3: 150, 4: 50, 5: 5, 6: 3, 9: 6, 10: 12, 11: 14, 12: 8 };
const LAPTOPS_2021: Quotas = { 1: 2, 2: 2, 3: 12, 4: 12, 5: 10, 6: 8, 7: 4, 9: 6, 10: 8, 11: 5, 12: 1 };
const LAPTOPS_2022: Quotas = { 1: 4, 2: 5, 3: 5, 4: 8, 5: 6, 6: 4, 7: 2, 9: 4, 10: 4, 11: 2, 12: 1 };
const LAPTOPS_2023: Quotas = { 1: 4, 2: 4, 3: 8, 4: 10, 5: 10, 6: 8, 7: 4, 9: 6, 10: 4, 11: 2 };
const HEADSETS_2021: Quotas = { 5: 20, 6: 14, 7: 8, 9: 16, 10: 20, 11: 14, 12: 8 };
const WEBCAMS_2021: Quotas = { 5: 6, 6: 4, 9: 4, 10: 4, 11: 2 };
const HEADSETS_2022: Quotas = { 6: 12, 7: 6, 9: 10, 10: 10, 11: 8, 12: 4 };
const HEADSETS_2023: Quotas = { 5: 10, 6: 8, 9: 8, 10: 8, 11: 6 };

/** First working day a month's handouts may use (a lot delivered mid-month). */
const FIRST_DAY: Record<string, number> = { '2020-3': 10, '2020-5': 4, '2022-10': 3, '2021-3': 16, '2021-9': 21, '2022-4': 11, '2023-3': 20, '2021-5': 10, '2022-6': 6, '2023-5': 15 };

export function planTimeline(population: Population, seed = 2020): DemoPlan {
  const rng = new Prng(seed);
  const people = population.people;
  const pl = new Planner(rng, people);
  const everyone = people.map((p) => p.index);
  const directorGeneral = people.find((p) => p.isDirectorGeneral)!.index;
  // The Direttore Generale countersigns everyone else's agreements and has none (nobody may countersign it).
  const eligible = rng.shuffle(people.filter((p) => p.eligible && !p.isDirectorGeneral).map((p) => p.index));
  const fixedTerm = eligible.slice(0, 10);
  const wave1 = eligible.slice(10, 390);
  const wave2 = eligible.slice(390, 450);
  const wave3 = eligible.slice(450, 558);
  const later = eligible.slice(558);

  for (const l of LOTS) {
    pl.push({ type: 'lot', date: l.orderDate, key: `LOT-${l.key}`, lot: l });
    pl.push({ type: 'intake', date: l.deliveryDate, key: `IN-${l.key}`, lotKey: l.key });
  }

  // ---- 2020: the emergency. Agreements from 9 March (fixed-term ones end on 30 June), then phase 2.
  const march = workingDays(2020, 3, 9, 20);
  for (const p of fixedTerm) pl.agree(p, '2020-03-09', '2020-06-30');
  for (const p of wave1) pl.agree(p, rng.pick(march));
  for (const p of wave2) pl.agree(p, rng.pick(workingDays(2020, 4)));
  const wave3Months: Quotas = { 5: 10, 6: 8, 7: 5, 9: 15, 10: 40, 11: 20, 12: 10 };
  let w = 0;
  for (const [m, n] of Object.entries(wave3Months)) for (const d of datesIn(rng, 2020, Number(m), n, 1, 20)) pl.agree(wave3[w++], d);

  // Laptops: March from the first wave (and three fixed-term people, who give theirs back in July).
  const laptops2020 = new Set<number>();
  const giveLaptops = (
    year: number,
    quotas: Quotas,
    pool: number[],
    exclude: Set<number>,
    kitFor: (month: number, i: number) => ItemKind[],
    forced: { person: number; notBefore: string }[] = [],
  ): number[] => {
    const given: number[] = [];
    const queue = [...forced];
    for (const [mText, n] of Object.entries(quotas)) {
      const month = Number(mText);
      const dates = datesIn(rng, year, month, n, FIRST_DAY[`${year}-${month}`] ?? 1, 28);
      dates.forEach((date, i) => {
        const first = queue.find((q) => q.notBefore <= date && pl.inForce(q.person, date) && !pl.laptopHolder.has(q.person));
        let person: number;
        if (first) {
          person = first.person;
          queue.splice(queue.indexOf(first), 1);
        } else {
          const candidates = pl.laptopCandidates(date, pool, exclude);
          if (!candidates.length) throw new Error(`plan error: nobody to give a laptop to on ${date}`);
          person = rng.pick(candidates);
        }
        pl.handover(person, date, ['laptop', ...kitFor(month, i)]);
        given.push(person);
      });
    }
    if (queue.length) throw new Error(`plan error: ${queue.length} forced laptop handouts did not fit in ${year}`);
    return given;
  };
  const kitHeadsets2020 = (month: number) => Math.min(LAPTOPS_2020[month] ?? 0, Math.floor((HEADSETS_2020[month] ?? 0) * 0.6));
  // 40 people use their own PC through 2020 (13 of them have none: the seed's 5% not equipped).
  const noLaptop = new Set(rng.sample(wave1.concat(wave2, wave3), 40));
  const firstThree = fixedTerm.slice(0, 3);
  const at = (person: number, notBefore = '2000-01-01') => ({ person, notBefore });
  for (const p of giveLaptops(2020, LAPTOPS_2020, wave1.concat(wave2, wave3), noLaptop, (m, i) => (i < kitHeadsets2020(m) ? ['headset'] : []), firstThree.map((p) => at(p)))) laptops2020.add(p);
  for (const p of firstThree) pl.returnLaptop(p, rng.pick(workingDays(2020, 7, 6, 10)));

  // Leavers, withdrawals and a theft of the following years come from 2020 laptop holders left otherwise alone.
  const keepers = [...laptops2020].filter((p) => !firstThree.includes(p) && !people[p - 1].isManager);
  const [leaver21a, leaver21b, withdrawn21, leaver22a, leaver22b, withdrawn22, stolen22, leaver23a, leaver23b, leaver23c, leaver25] = rng.sample(keepers, 11);
  const untouchable = new Set([leaver21a, leaver21b, withdrawn21, leaver22a, leaver22b, withdrawn22, stolen22, leaver23a, leaver23b, leaver23c, leaver25]);

  // Who is not equipped at the end of 2020 (the seed's 95%): 13 without any laptop, 14 without a data line.
  const holders2020 = wave1.concat(wave2, wave3);
  const withoutLaptop = [...noLaptop].slice(0, 13);
  const withoutData = rng.sample(
    holders2020.filter((p) => !noLaptop.has(p) && !untouchable.has(p)),
    14,
  );
  const agreementStart = (p: number) => pl.agreements.get(p)![0].start;
  for (const p of holders2020.concat(fixedTerm)) {
    const start = agreementStart(p);
    if (!withoutData.includes(p)) pl.declare(p, start, 'broadband');
    if (!laptops2020.has(p) && !withoutLaptop.includes(p)) pl.declare(p, start, 'laptop');
  }

  // Webcams and headsets outside the laptop kits: office desks and personal PCs (not gated).
  const standalone = (year: number, webcams: Quotas, headsets: Quotas, kitHeadsets: (m: number) => number) => {
    const months = new Set([...Object.keys(webcams), ...Object.keys(headsets)].map(Number));
    for (const month of [...months].sort((a, b) => a - b)) {
      const h = (headsets[month] ?? 0) - kitHeadsets(month);
      const wc = webcams[month] ?? 0;
      const pairs = Math.min(h, wc);
      const kits: ItemKind[][] = [
        ...Array.from({ length: pairs }, (): ItemKind[] => ['webcam', 'headset']),
        ...Array.from({ length: wc - pairs }, (): ItemKind[] => ['webcam']),
        ...Array.from({ length: h - pairs }, (): ItemKind[] => ['headset']),
      ];
      const dates = datesIn(rng, year, month, kits.length, FIRST_DAY[`${year}-${month}`] ?? 1, 28);
      kits.forEach((kinds, i) => {
        const free = everyone.filter((p) => !pl.gone.has(p) && kinds.every((k) => !pl.holds[k as 'webcam' | 'headset'].has(p)));
        pl.handover(rng.pick(free), dates[i], kinds);
      });
    }
  };
  standalone(2020, WEBCAMS_2020, HEADSETS_2020, kitHeadsets2020);
  pl.push({ type: 'sweep', date: '2020-12-31', key: 'SW-2020' });

  // ---- 2021: six fixed-term people come back, fourteen new agreements; routers for those without a line.
  const restart = fixedTerm.slice(0, 6);
  for (const p of restart) pl.agree(p, '2021-02-01'); // their 2020 declarations still stand
  const new2021 = later.slice(0, 14);
  const noData2021 = new2021.slice(0, 2);
  new2021.forEach((p, i) => {
    const d = datesIn(rng, 2021, 2 + (i % 10), 1, 1, 20)[0];
    pl.agree(p, d);
    if (!noData2021.includes(p)) pl.declare(p, d, 'broadband');
    pl.declare(p, d, 'laptop');
  });
  const leaveWithReturn = (p: number, date: string) => {
    pl.returnLaptop(p, date);
    pl.withdraw(p, date, true);
    pl.leave(p, date);
  };
  leaveWithReturn(leaver21a, '2021-06-15');
  leaveWithReturn(leaver21b, '2021-10-20');
  pl.returnLaptop(withdrawn21, pl.withdraw(withdrawn21, '2021-08-02', false)); // the employee's notice: 30 days

  const routers2021 = withoutData.concat(rng.sample(holders2020.filter((p) => !withoutData.includes(p) && !untouchable.has(p)), 16));
  routers2021.forEach((p, i) => pl.handover(p, datesIn(rng, 2021, i < 14 ? 2 : 4 + (i % 3), 1, i < 14 ? 11 : 1, 28)[0], ['mobile_router']));
  let docks = 60;
  let monitors = 41;
  const kit2021 = (month: number): ItemKind[] => {
    if (month < 3) return [];
    const kit: ItemKind[] = [];
    if (docks > 0) (docks--, kit.push('docking_station'));
    if (monitors > 0) (monitors--, kit.push('monitor'));
    return kit;
  };
  const pool2021 = holders2020.concat(restart, new2021);
  giveLaptops(2021, LAPTOPS_2021, pool2021, untouchable, kit2021, withoutLaptop.map((p) => at(p)));
  standalone(2021, WEBCAMS_2021, HEADSETS_2021, () => 0);
  pl.push({ type: 'sweep', date: '2021-12-31', key: 'SW-2021' });

  // ---- 2022: ten new agreements; a theft; one leaver keeps the laptop (the dashboard's "cessati" card).
  const new2022 = later.slice(14, 24);
  new2022.forEach((p, i) => {
    const d = datesIn(rng, 2022, 2 + (i % 9), 1, 1, 20)[0];
    pl.agree(p, d);
    pl.declare(p, d, 'broadband');
    pl.declare(p, d, 'laptop');
  });
  leaveWithReturn(leaver22a, '2022-03-15');
  pl.withdraw(leaver22b, '2022-07-29', true);
  pl.leave(leaver22b, '2022-07-29');
  pl.returnLaptop(withdrawn22, pl.withdraw(withdrawn22, '2022-05-02', false));
  pl.stolen(stolen22, '2022-09-12');
  const routers2022 = noData2021.concat(rng.sample(pool2021.filter((p) => !routers2021.includes(p) && !untouchable.has(p) && !pl.gone.has(p)), 18));
  routers2022.forEach((p) => pl.handover(p, datesIn(rng, 2022, rng.int(4, 6), 1, 11, 28)[0], ['mobile_router']));
  let docks2022 = 40;
  const kit2022 = (month: number): ItemKind[] => (month >= 10 && docks2022 > 0 ? (docks2022--, ['docking_station']) : []);
  giveLaptops(2022, LAPTOPS_2022, pool2021.concat(new2022), untouchable, kit2022, [at(stolen22, '2022-09-13')]);
  standalone(2022, {}, HEADSETS_2022, () => 0);
  pl.push({ type: 'sweep', date: '2022-12-31', key: 'SW-2022' });

  // ---- 2023: eight new agreements, three leavers (one keeps the laptop).
  const new2023 = later.slice(24, 32);
  new2023.forEach((p, i) => {
    const d = datesIn(rng, 2023, 2 + (i % 8), 1, 1, 20)[0];
    pl.agree(p, d);
    pl.declare(p, d, 'broadband');
    pl.declare(p, d, 'laptop');
  });
  leaveWithReturn(leaver23a, '2023-04-14');
  leaveWithReturn(leaver23b, '2023-09-29');
  pl.withdraw(leaver23c, '2023-11-30', true);
  pl.leave(leaver23c, '2023-11-30');
  giveLaptops(2023, LAPTOPS_2023, pool2021.concat(new2022, new2023), untouchable, () => []);
  standalone(2023, {}, HEADSETS_2023, () => 0);
  pl.push({ type: 'sweep', date: '2023-12-31', key: 'SW-2023' });

  // ---- 2024-2025: a traffic warden retires with a headset still at home; a remote worker leaves and returns all.
  const warden = people.find((p) => !p.eligible && p.serviceCode === 'CP' && pl.holds.headset.has(p.index))?.index;
  if (warden) pl.leave(warden, '2024-06-28');
  pl.push({ type: 'sweep', date: '2024-12-31', key: 'SW-2024' });
  leaveWithReturn(leaver25, onWorkingDay('2025-05-30'));
  pl.push({ type: 'sweep', date: '2025-12-31', key: 'SW-2025' });

  const events = pl.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : DAY_ORDER[a.type] - DAY_ORDER[b.type] || (a.key < b.key ? -1 : 1)));
  return { events, lots: LOTS, expected: replay(events, population) };
}

// ---------------------------------------------------------------- replay: the figures the plan produces

/**
 * Walks the events in order as the services will, checking stock (no handout without a piece on the shelf, no
 * gated handout without an agreement in force) and measuring what the indicators must read on 31 December.
 */
export function replay(events: DemoEvent[], population: Population): ReplayFigures {
  const stock: Record<string, number> = {};
  const lotKind = new Map<string, LotPlan>();
  const spans = new Map<number, { key: string; start: string; last: string | null }[]>();
  const laptopOf = new Map<number, string>();
  const routers = new Set<number>();
  const declared = { laptop: new Set<number>(), broadband: new Set<number>() };
  const handoverKinds = new Map<string, ItemKind[]>();
  const figures: ReplayFigures = {
    laptopsByYear: {},
    agreementsInForceByYear: {},
    equippedByYear: {},
    investmentCentsByYear: {},
    firstPeriod2020: { laptop: 0, webcam: 0, headset: 0 },
    eligible: population.people.filter((p) => p.eligible).length,
    employees: population.people.length,
    holdersAtEnd: [],
    laptopHoldersAtEnd: [],
    neverAgreed: [],
  };
  const inForce = (p: number, date: string) => (spans.get(p) ?? []).some((s) => s.start <= date && (s.last === null || date <= s.last));
  const measure = (year: number) => {
    const ref = `${year}-12-31`;
    const workers = [...spans.keys()].filter((p) => inForce(p, ref));
    figures.laptopsByYear[year] = [...laptopOf.keys()].filter((p) => inForce(p, ref)).length;
    figures.agreementsInForceByYear[year] = workers.length;
    figures.equippedByYear[year] = workers.filter((p) => (laptopOf.has(p) || declared.laptop.has(p)) && (routers.has(p) || declared.broadband.has(p))).length;
  };
  let year = Number(events[0].date.slice(0, 4));
  for (const e of events) {
    while (Number(e.date.slice(0, 4)) > year) measure(year++);
    switch (e.type) {
      case 'lot':
        lotKind.set(e.lot.key, e.lot);
        break;
      case 'intake': {
        const l = lotKind.get(e.lotKey)!;
        stock[l.kind] = (stock[l.kind] ?? 0) + l.quantity;
        const y = Number(l.deliveryDate.slice(0, 4));
        figures.investmentCentsByYear[y] = (figures.investmentCentsByYear[y] ?? 0) + l.quantity * l.unitPriceCents;
        break;
      }
      case 'agreement': {
        const list = spans.get(e.person) ?? [];
        list.push({ key: e.key, start: e.startDate, last: e.endDate });
        spans.set(e.person, list);
        break;
      }
      case 'declare':
        declared[e.what].add(e.person);
        break;
      case 'handover': {
        for (const k of e.kinds) {
          if (!stock[k]) throw new Error(`plan error: no ${k} in stock on ${e.date}`);
          stock[k] -= 1;
          if (e.date >= '2020-03-01' && e.date <= '2020-04-30' && (k === 'laptop' || k === 'webcam' || k === 'headset')) figures.firstPeriod2020[k] += 1;
        }
        const gated = e.kinds.some((k) => k === 'laptop' || k === 'mobile_router' || k === 'docking_station');
        if (gated && !inForce(e.person, e.date)) throw new Error(`plan error: gated handover ${e.key} on ${e.date} without an agreement in force`);
        if (e.kinds.includes('laptop')) laptopOf.set(e.person, e.key);
        if (e.kinds.includes('mobile_router')) routers.add(e.person);
        handoverKinds.set(e.key, e.kinds);
        break;
      }
      case 'return':
        laptopOf.delete(e.person);
        stock.laptop += 1;
        break;
      case 'stolen':
        laptopOf.delete(e.person);
        break;
      case 'withdraw': {
        const span = spans.get(e.person)!.find((s) => s.key === e.agreementKey)!;
        span.last = addDays(e.justified ? e.date : addDays(e.date, 30), -1);
        break;
      }
      default:
        break;
    }
  }
  while (year <= 2025) measure(year++);
  figures.holdersAtEnd = [...spans.keys()].filter((p) => inForce(p, '2025-12-31')).sort((a, b) => a - b);
  figures.laptopHoldersAtEnd = figures.holdersAtEnd.filter((p) => laptopOf.has(p));
  figures.neverAgreed = population.people.filter((p) => p.eligible && !spans.has(p.index)).map((p) => p.index);
  for (const [y, n] of Object.entries(LAPTOP_PATH)) {
    if (figures.laptopsByYear[Number(y)] !== n) throw new Error(`plan error: ${figures.laptopsByYear[Number(y)]} laptops for remote work at the end of ${y}, the path says ${n}`);
  }
  if (figures.investmentCentsByYear[2020] !== 3_000_000) throw new Error(`plan error: 2020 hardware investment is ${figures.investmentCentsByYear[2020] / 100} €, the baseline says 30,000 €`);
  const first = figures.firstPeriod2020;
  if (first.laptop !== 148 || first.webcam !== 130 || first.headset !== 200) throw new Error(`plan error: first period 2020 ${JSON.stringify(first)}, the seed says 148 / 130 / 200`);
  return figures;
}
