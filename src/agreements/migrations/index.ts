/** This module's migrations; all modules' run together in timestamp order. */
export const agreementsMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
