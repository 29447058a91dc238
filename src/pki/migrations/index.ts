/** This module's migrations; all modules' run together in timestamp order. */
export const pkiMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
