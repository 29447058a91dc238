import { Inventory1764700000000 } from './1764700000000-inventory';
import { KpiReadIndexes1765000000000 } from './1765000000000-kpi-read-indexes';
import { HandoverItemsHolder1765100000000 } from './1765100000000-handover-items-holder';
import { Purchases1766000000100 } from './1766000000100-purchases';

/** This module's migrations; all modules' run together in timestamp order. */
export const inventoryMigrations: (new () => import('typeorm').MigrationInterface)[] = [
  Inventory1764700000000,
  KpiReadIndexes1765000000000,
  HandoverItemsHolder1765100000000,
  Purchases1766000000100,
];
