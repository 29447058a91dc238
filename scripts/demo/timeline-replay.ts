import { addDays } from '../../src/common/clock';
import { Population } from './population';
import { DemoEvent, ItemKind, LAPTOP_PATH, LotPlan, ReplayFigures } from './timeline-model';

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
    if (figures.laptopsByYear[Number(y)] !== n)
      throw new Error(`plan error: ${figures.laptopsByYear[Number(y)]} laptops for remote work at the end of ${y}, the path says ${n}`);
  }
  if (figures.investmentCentsByYear[2020] !== 3_000_000)
    throw new Error(`plan error: 2020 hardware investment is ${figures.investmentCentsByYear[2020] / 100} €, the baseline says 30,000 €`);
  const first = figures.firstPeriod2020;
  if (first.laptop !== 148 || first.webcam !== 130 || first.headset !== 200)
    throw new Error(`plan error: first period 2020 ${JSON.stringify(first)}, the seed says 148 / 130 / 200`);
  return figures;
}
