import { Activities1764400000000 } from './1764400000000-activities';
import { TransversalActivities1766000000200 } from './1766000000200-transversal-activities';

/** This module's migrations; all modules' run together in timestamp order. */
export const activitiesMigrations: (new () => import('typeorm').MigrationInterface)[] = [Activities1764400000000, TransversalActivities1766000000200];
