/** This module's migrations; all modules' run together in timestamp order. */
export const vpnMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
