/** This module's migrations; all modules' run together in timestamp order. */
export const offboardingMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
