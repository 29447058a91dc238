/**
 * The three kinds of course the POLA counts (seed 2.4, Allegati 2-3): digital skills, skills for working remotely,
 * and managing people who work remotely (the leadership courses for managers).
 */
export const TRAINING_KINDS = ['digital', 'remote_work', 'remote_management'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = {
  digital: 'Competenze digitali',
  remote_work: 'Competenze per il lavoro agile',
  remote_management: 'Gestione del lavoro agile (dirigenti e responsabili)',
};

export function isTrainingKind(value: unknown): value is TrainingKind {
  return typeof value === 'string' && (TRAINING_KINDS as readonly string[]).includes(value);
}
