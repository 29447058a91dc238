import { addDays } from '../../src/common/clock';
import { Population } from './population';
import { Prng } from './prng';
import { ReplayFigures } from './timeline';

/**
 * The VPN side of the demo, dated back from the day the demo runs (certificates last a year, so a VPN history
 * anchored in 2020 would have nothing valid left to show): every remote worker onboarded in fortnightly batches
 * over the last year — the oldest batches' certificates now expire within 30 days — technicians with a second
 * profile, requests waiting for an agreement, a few suspensions, and a dozen people who gave up remote work last
 * month (account revoked, laptop back). Derived from the timeline's end state only, so a second run plans the
 * same thing.
 */
export interface VpnBatch {
  date: string;
  profile: 'dipendenti' | 'tecnici';
  persons: number[];
}

export interface VpnPlan {
  batches: VpnBatch[];
  requests: { date: string; person: number }[];
  suspensions: { date: string; person: number }[];
  departures: { noticeDate: string; effectiveDate: string; person: number }[];
}

export const BATCHES = 26;
const TECH_SERVICES = new Set(['PF', 'PG', 'PR', 'SI']);

export function planVpn(population: Population, figures: ReplayFigures, today: string, seed = 2026): VpnPlan {
  const rng = new Prng(seed);
  const holders = figures.holdersAtEnd;
  const dateOf = (k: number) => addDays(today, -(7 + 14 * k));
  const batches: VpnBatch[] = Array.from({ length: BATCHES }, (_, k) => ({ date: dateOf(k), profile: 'dipendenti' as const, persons: [] as number[] }));
  holders.forEach((p, i) => batches[i % BATCHES].persons.push(p));
  const onboardedAt = new Map(holders.map((p, i) => [p, i % BATCHES]));
  // The Sistema Informativo and some of the technical services' engineers on call also reach the management
  // networks: 60 people on the 40-session "tecnici" gateway, about three quarters of its capacity.
  const it = holders.filter((p) => population.people[p - 1].serviceCode === 'SD');
  const engineers = holders.filter(
    (p) => TECH_SERVICES.has(population.people[p - 1].serviceCode) && population.people[p - 1].profile === 'Funzionario tecnico',
  );
  const technicians = [...it, ...rng.sample(engineers, Math.max(0, 60 - it.length))].sort((a, b) => a - b);
  batches.push({ date: dateOf(14), profile: 'tecnici', persons: technicians });
  const veterans = holders.filter((p) => (onboardedAt.get(p) ?? 0) >= 4 && !technicians.includes(p));
  const departing = rng.sample(veterans, 12);
  const suspended = rng.sample(
    veterans.filter((p) => !departing.includes(p)),
    6,
  );
  return {
    batches: batches.filter((b) => b.persons.length > 0),
    requests: figures.neverAgreed.map((person) => ({ date: addDays(today, -3), person })),
    suspensions: suspended.map((person) => ({ date: addDays(today, -10), person })),
    departures: departing.map((person) => ({ noticeDate: addDays(today, -45), effectiveDate: addDays(today, -15), person })),
  };
}
