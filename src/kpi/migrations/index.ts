/** This module's migrations; all modules' run together in timestamp order. */
export const kpiMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
