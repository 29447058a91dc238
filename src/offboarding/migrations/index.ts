import { Offboarding1764600000000 } from './1764600000000-offboarding';

/** This module's migrations; all modules' run together in timestamp order. */
export const offboardingMigrations: (new () => import('typeorm').MigrationInterface)[] = [Offboarding1764600000000];
