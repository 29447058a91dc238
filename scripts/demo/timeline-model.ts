import { addDays } from '../../src/common/clock';
import { Prng } from './prng';

/** The demo timeline's vocabulary (events, lots, the figures a replay measures), its calendar and its purchase lots. */
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
export function datesIn(rng: Prng, year: number, month: number, n: number, fromDay = 1, toDay = 31): string[] {
  const days = workingDays(year, month, fromDay, toDay);
  if (!days.length) throw new Error(`no working day in ${year}-${month} from ${fromDay} to ${toDay}`);
  return Array.from({ length: n }, () => rng.pick(days)).sort();
}

/** The first working day on or after a date. */
export function onWorkingDay(date: string): string {
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
  cig: `8D${key
    .replace(/[^0-9A-Z]/gi, '')
    .toUpperCase()
    .padEnd(8, '0')
    .slice(0, 8)}`,
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
