import { Population } from './population';
import { Prng } from './prng';
import { datesIn, DemoEvent, DemoPlan, ItemKind, LOTS, onWorkingDay, workingDays } from './timeline-model';
import { Planner } from './timeline-planner';
import { replay } from './timeline-replay';

/**
 * The demo municipality's history, 2019-2025, as dated events the runner replays through the services with a
 * clock set to each event's date. Built from the seed's figures: the 2020 emergency (148 laptops, 130 webcams,
 * 200 headsets in March-April; 548 people in smart working at the end of the year), the 2020 baseline of 236
 * laptops for remote work and 30,000 € of hardware, and a realistic path toward the 300 / 350 / 400 targets
 * (met in 2021, a little behind in 2022, met in 2023). `replay` checks the plan against those figures before a
 * single row is written.
 */
export type { DemoEvent, DemoPlan, ItemKind, LotPlan, ReplayFigures } from './timeline-model';
export { isWeekday, LAPTOP_PATH, LOTS, workingDays } from './timeline-model';
export { replay } from './timeline-replay';

/** Same-day order: stock arrives first, people leave last, the nightly sweep after everything. */
const DAY_ORDER: Record<DemoEvent['type'], number> = {
  lot: 0,
  intake: 1,
  agreement: 2,
  declare: 3,
  return: 4,
  stolen: 5,
  withdraw: 6,
  handover: 7,
  leave: 8,
  sweep: 9,
};

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
const FIRST_DAY: Record<string, number> = {
  '2020-3': 10,
  '2020-5': 4,
  '2022-10': 3,
  '2021-3': 16,
  '2021-9': 21,
  '2022-4': 11,
  '2023-3': 20,
  '2021-5': 10,
  '2022-6': 6,
  '2023-5': 15,
};

export function planTimeline(population: Population, seed = 2020): DemoPlan {
  const rng = new Prng(seed);
  const people = population.people;
  const pl = new Planner(rng, people);
  const everyone = people.map((p) => p.index);
  if (!people.some((p) => p.isDirectorGeneral)) throw new Error('plan error: the population has no Direttore Generale');
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
  for (const p of giveLaptops(
    2020,
    LAPTOPS_2020,
    wave1.concat(wave2, wave3),
    noLaptop,
    (m, i) => (i < kitHeadsets2020(m) ? ['headset'] : []),
    firstThree.map((p) => at(p)),
  ))
    laptops2020.add(p);
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
  /** A year's newcomers, one a month from February: each declares a laptop of their own and, unless in `noBroadband`, broadband. */
  const newcomers = (year: number, persons: number[], months: number, noBroadband: number[] = []) =>
    persons.forEach((p, i) => {
      const d = datesIn(rng, year, 2 + (i % months), 1, 1, 20)[0];
      pl.agree(p, d);
      if (!noBroadband.includes(p)) pl.declare(p, d, 'broadband');
      pl.declare(p, d, 'laptop');
    });
  const new2021 = later.slice(0, 14);
  const noData2021 = new2021.slice(0, 2);
  newcomers(2021, new2021, 10, noData2021);
  const leaveWithReturn = (p: number, date: string) => {
    pl.returnLaptop(p, date);
    pl.withdraw(p, date, true);
    pl.leave(p, date);
  };
  leaveWithReturn(leaver21a, '2021-06-15');
  leaveWithReturn(leaver21b, '2021-10-20');
  pl.returnLaptop(withdrawn21, pl.withdraw(withdrawn21, '2021-08-02', false)); // the employee's notice: 30 days

  const routers2021 = withoutData.concat(
    rng.sample(
      holders2020.filter((p) => !withoutData.includes(p) && !untouchable.has(p)),
      16,
    ),
  );
  routers2021.forEach((p, i) => pl.handover(p, datesIn(rng, 2021, i < 14 ? 2 : 4 + (i % 3), 1, i < 14 ? 11 : 1, 28)[0], ['mobile_router']));
  let docks = 60;
  let monitors = 41;
  const kit2021 = (month: number): ItemKind[] => {
    if (month < 3) return [];
    const kit: ItemKind[] = [];
    if (docks > 0) {
      docks--;
      kit.push('docking_station');
    }
    if (monitors > 0) {
      monitors--;
      kit.push('monitor');
    }
    return kit;
  };
  const pool2021 = holders2020.concat(restart, new2021);
  giveLaptops(
    2021,
    LAPTOPS_2021,
    pool2021,
    untouchable,
    kit2021,
    withoutLaptop.map((p) => at(p)),
  );
  standalone(2021, WEBCAMS_2021, HEADSETS_2021, () => 0);
  pl.push({ type: 'sweep', date: '2021-12-31', key: 'SW-2021' });

  // ---- 2022: ten new agreements; a theft; one leaver keeps the laptop (the dashboard's "cessati" card).
  const new2022 = later.slice(14, 24);
  newcomers(2022, new2022, 9);
  leaveWithReturn(leaver22a, '2022-03-15');
  pl.withdraw(leaver22b, '2022-07-29', true);
  pl.leave(leaver22b, '2022-07-29');
  pl.returnLaptop(withdrawn22, pl.withdraw(withdrawn22, '2022-05-02', false));
  pl.stolen(stolen22, '2022-09-12');
  const routers2022 = noData2021.concat(
    rng.sample(
      pool2021.filter((p) => !routers2021.includes(p) && !untouchable.has(p) && !pl.gone.has(p)),
      18,
    ),
  );
  routers2022.forEach((p) => pl.handover(p, datesIn(rng, 2022, rng.int(4, 6), 1, 11, 28)[0], ['mobile_router']));
  let docks2022 = 40;
  const kit2022 = (month: number): ItemKind[] => (month >= 10 && docks2022 > 0 ? (docks2022--, ['docking_station']) : []);
  giveLaptops(2022, LAPTOPS_2022, pool2021.concat(new2022), untouchable, kit2022, [at(stolen22, '2022-09-13')]);
  standalone(2022, {}, HEADSETS_2022, () => 0);
  pl.push({ type: 'sweep', date: '2022-12-31', key: 'SW-2022' });

  // ---- 2023: eight new agreements, three leavers (one keeps the laptop).
  const new2023 = later.slice(24, 32);
  newcomers(2023, new2023, 8);
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
