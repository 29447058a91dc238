import { Training1766000000000 } from './1766000000000-training';

/** This module's migrations; all modules' run together in timestamp order. */
export const trainingMigrations: (new () => import('typeorm').MigrationInterface)[] = [Training1766000000000];
