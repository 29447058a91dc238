import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { TrainingKind } from '../../src/training';
import { TrainingService } from '../../src/training/training.service';
import { HR } from './demo-state';
import { Prng } from './prng';

/** Who may be trained in a year: the remote workers of that year and the managers (active today: the service refuses leavers). */
export interface TrainingPopulation {
  year: number;
  remoteWorkers: string[];
  managers: string[];
}

export interface DemoCourse {
  title: string;
  kind: TrainingKind;
  date: string;
  hours: number;
  provider: string;
  costCents: number;
  participants: string[];
}

interface YearPlan {
  kind: TrainingKind;
  /** share of the year's remote workers (or of the managers, for remote_management) */
  share: number;
  title: string;
  provider: string;
  hours: number;
  /** for all editions together; digital courses are free (Syllabus, Formez webinars), so the training cost is the agile ones' */
  euros: number;
  months: number[];
}

/**
 * The plan's figures (Part 4): managers trained 10% (2020) → 100% (2021); remote workers trained for remote work
 * 0 → 10% → 90%; on digital skills 94% → 50% → 50%; cost 0 → 2,500 € a year. 2023 has no targets for the shares:
 * the demo keeps training going at plausible levels.
 */
const PLAN: Record<number, YearPlan[]> = {
  2020: [
    {
      kind: 'digital',
      share: 0.94,
      title: 'Strumenti digitali per il lavoro da remoto (webinar interni)',
      provider: 'Sistema Informativo',
      hours: 2,
      euros: 0,
      months: [4, 5, 6],
    },
    { kind: 'remote_management', share: 0.1, title: 'Guidare i collaboratori a distanza (webinar)', provider: 'Formez PA', hours: 3, euros: 0, months: [11] },
  ],
  2021: [
    {
      kind: 'remote_management',
      share: 1,
      title: 'Management del lavoro agile: obiettivi, fiducia, risultati',
      provider: 'Scuola Nazionale dell’Amministrazione',
      hours: 8,
      euros: 1500,
      months: [3, 4],
    },
    {
      kind: 'remote_work',
      share: 0.1,
      title: 'Lavorare in modalità agile: organizzazione e sicurezza',
      provider: 'Formez PA',
      hours: 4,
      euros: 1000,
      months: [5, 10],
    },
    {
      kind: 'digital',
      share: 0.5,
      title: 'Competenze digitali per la PA',
      provider: 'Dipartimento della Funzione Pubblica',
      hours: 6,
      euros: 0,
      months: [2, 6, 9],
    },
  ],
  2022: [
    {
      kind: 'remote_work',
      share: 0.9,
      title: 'Lavorare in modalità agile: organizzazione e sicurezza',
      provider: 'Formez PA',
      hours: 4,
      euros: 1800,
      months: [2, 3, 4, 5, 9, 10],
    },
    {
      kind: 'remote_management',
      share: 0.3,
      title: 'Valutare i risultati del lavoro agile',
      provider: 'Scuola Nazionale dell’Amministrazione',
      hours: 4,
      euros: 700,
      months: [6],
    },
    {
      kind: 'digital',
      share: 0.5,
      title: 'Syllabus: competenze digitali per la PA',
      provider: 'Dipartimento della Funzione Pubblica',
      hours: 8,
      euros: 0,
      months: [3, 7, 11],
    },
  ],
  2023: [
    {
      kind: 'remote_work',
      share: 0.4,
      title: 'Collaborare a distanza: strumenti e buone pratiche',
      provider: 'Formez PA',
      hours: 3,
      euros: 1500,
      months: [3, 5, 10],
    },
    {
      kind: 'remote_management',
      share: 0.5,
      title: 'Management del lavoro agile: obiettivi, fiducia, risultati',
      provider: 'Scuola Nazionale dell’Amministrazione',
      hours: 6,
      euros: 1000,
      months: [4],
    },
    {
      kind: 'digital',
      share: 0.5,
      title: 'Syllabus: competenze digitali per la PA',
      provider: 'Dipartimento della Funzione Pubblica',
      hours: 8,
      euros: 0,
      months: [2, 6, 10],
    },
  ],
};

/** Editions hold at most this many people; the year's cost is split over the editions. */
const EDITION_SIZE = 60;

/** The demo's courses for the years given, deterministic (seeded): the same on every machine and every run. */
export function planDemoTraining(populations: TrainingPopulation[], seed = 2024): DemoCourse[] {
  const prng = new Prng(seed);
  const courses: DemoCourse[] = [];
  for (const pop of populations) {
    for (const p of PLAN[pop.year] ?? []) {
      const pool = p.kind === 'remote_management' ? pop.managers : pop.remoteWorkers;
      const chosen = prng.sample([...pool].sort(), Math.round(p.share * pool.length));
      const editions = Math.max(p.months.length, Math.ceil(chosen.length / EDITION_SIZE));
      const totalCents = Math.round(p.euros * 100);
      for (let e = 0; e < editions; e++) {
        const participants = chosen.filter((_, i) => i % editions === e);
        if (participants.length === 0 && totalCents === 0) continue;
        const month = p.months[e % p.months.length];
        const day = 5 + prng.int(0, 20);
        courses.push({
          title: editions > 1 ? `${p.title} – edizione ${e + 1}` : p.title,
          kind: p.kind,
          date: `${pop.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          hours: p.hours,
          provider: p.provider,
          costCents: Math.floor(totalCents / editions) + (e === 0 ? totalCents % editions : 0),
          participants,
        });
      }
    }
  }
  return courses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.title.localeCompare(b.title)));
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

/** Remote workers of each year (a signed agreement covering a day of it) and managers, active today. */
export async function trainingPopulations(ds: DataSource, years: number[]): Promise<TrainingPopulation[]> {
  const employees: { id: string; active: unknown; is_manager: unknown }[] = await ds.query('SELECT id, active, is_manager FROM employees');
  const active = new Set(employees.filter((e) => truthy(e.active)).map((e) => e.id));
  const managers = employees.filter((e) => truthy(e.active) && truthy(e.is_manager)).map((e) => e.id);
  const agreements: { employee_id: string; start_date: string; end_date: string | null; withdrawal_effective_date: string | null }[] = await ds.query(
    `SELECT employee_id, start_date, end_date, withdrawal_effective_date FROM agreements
      WHERE employee_signed_at IS NOT NULL AND manager_signed_at IS NOT NULL`,
  );
  return years.map((year) => {
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    const remote = agreements.filter((a) => a.start_date <= to && (a.end_date ?? '9999') >= from && (a.withdrawal_effective_date ?? '9999') > from);
    return { year, remoteWorkers: [...new Set(remote.map((a) => a.employee_id))].filter((id) => active.has(id)), managers };
  });
}

/**
 * Records the demo's courses of 2020-2023 and who attended through TrainingService (validation and audit as in
 * production), the clock at each course's day (never past `now`). Idempotent: a course already there (same title and
 * date) is skipped with its participants. Returns how many courses it wrote. Run after the agreements exist.
 */
export async function createDemoTraining(app: INestApplicationContext, clock: FixedClock, now: Date): Promise<number> {
  const ds = app.get(DataSource);
  const existing = await ds.query<{ title: string; course_date: string }[]>('SELECT title, course_date FROM training_courses');
  const done = new Set(existing.map((r) => `${r.title}|${r.course_date}`));
  const service = app.get(TrainingService);
  let written = 0;
  for (const c of planDemoTraining(await trainingPopulations(ds, [2020, 2021, 2022, 2023]))) {
    if (done.has(`${c.title}|${c.date}`)) continue;
    clock.set(new Date(Math.min(Date.parse(`${c.date}T09:00:00Z`), now.getTime() - 60_000)));
    const { participants, ...course } = c;
    const created = await service.create(HR, course);
    if (participants.length) await service.addParticipants(HR, created.id, { employeeIds: participants });
    written += 1;
  }
  return written;
}
