/** This module's migrations; all modules' run together in timestamp order. */
export const activitiesMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
