import { Activities1764400000000 } from './1764400000000-activities';

/** This module's migrations; all modules' run together in timestamp order. */
export const activitiesMigrations: (new () => import('typeorm').MigrationInterface)[] = [Activities1764400000000];
