/** This module's migrations; all modules' run together in timestamp order. */
export const inventoryMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
