import { TrainingKind } from './training-kind';

/** A field a course or a request gets wrong, in the shape ValidationFailed lists. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

export interface CourseDraft {
  title: string;
  kind: TrainingKind;
  date: string;
  hours: number;
  provider: string;
  costCents: number;
}

const MAX_HOURS = 1000;

/** Hours are stored in hundredths (integer): 0.5 h is 50. More than two decimals would be rounded silently, so refuse them. */
export function hoursToHundredths(hours: number): number | null {
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS) return null;
  const hundredths = Math.round(hours * 100);
  return Math.abs(hundredths - hours * 100) < 1e-6 ? hundredths : null;
}

export const hundredthsToHours = (h: number): number => h / 100;

/** What is wrong with a course before it is written; an empty list means it may be written. */
export function courseProblems(draft: CourseDraft, isCalendarDate: (d: string) => boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.title.trim()) problems.push({ field: 'title', messages: ['title is blank'] });
  if (!draft.provider.trim()) problems.push({ field: 'provider', messages: ['provider is blank'] });
  if (!isCalendarDate(draft.date)) problems.push({ field: 'date', messages: ['date is not a calendar date'] });
  if (hoursToHundredths(draft.hours) === null) {
    problems.push({ field: 'hours', messages: [`hours must be greater than 0, at most ${MAX_HOURS}, with at most two decimals`] });
  }
  if (!Number.isInteger(draft.costCents) || draft.costCents < 0) problems.push({ field: 'costCents', messages: ['costCents must be an integer ≥ 0'] });
  return problems;
}

export interface ParticipantCandidate {
  id: string;
  /** null: the directory does not know the id */
  active: boolean | null;
  name?: string;
}

export interface ParticipantPlan {
  /** refused ids: the request writes nothing when any is present */
  unknown: string[];
  inactive: { id: string; name: string }[];
  add: string[];
  /** already in the course with the same attendance */
  unchanged: string[];
  /** already in the course, attendance changes */
  update: string[];
}

/**
 * All or nothing: an unknown or inactive employee refuses the whole request (the caller names them and writes nothing);
 * otherwise new ids are added and existing ones keep their row (attendance updated when it differs). Duplicates in the
 * request count once.
 */
export function planParticipants(requested: string[], candidates: ParticipantCandidate[], existing: Map<string, boolean>, attended: boolean): ParticipantPlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const plan: ParticipantPlan = { unknown: [], inactive: [], add: [], unchanged: [], update: [] };
  for (const id of [...new Set(requested)]) {
    const c = byId.get(id);
    if (!c || c.active === null) plan.unknown.push(id);
    else if (!c.active && !existing.has(id)) plan.inactive.push({ id, name: c.name ?? id });
    else if (!existing.has(id)) plan.add.push(id);
    else if (existing.get(id) === attended) plan.unchanged.push(id);
    else plan.update.push(id);
  }
  return plan;
}

export const isRefused = (plan: ParticipantPlan): boolean => plan.unknown.length > 0 || plan.inactive.length > 0;

/** The hot-line's onboarding mini-training (seed 1.2): VPN client and remote desktop, shown when the account is handed over. */
export const HOTLINE_MINI_TRAINING = {
  title: 'Mini-formazione hot-line: VPN e desktop remoto',
  kind: 'remote_work' as TrainingKind,
  hours: 0.5,
  provider: 'Hot-line Sistema Informativo',
  costCents: 0,
} as const;

/** One mini-training course per day: the key that lets the one-step endpoint find it again (and a unique index hold it). */
export const hotlineCourseKey = (date: string): string => `hotline-mini:${date}`;
