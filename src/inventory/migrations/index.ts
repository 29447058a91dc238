import { Inventory1764700000000 } from './1764700000000-inventory';

/** This module's migrations; all modules' run together in timestamp order. */
export const inventoryMigrations: (new () => import('typeorm').MigrationInterface)[] = [Inventory1764700000000];
