import { KpiReadIndexes1765000000000 } from './1765000000000-kpi-read-indexes';

/** This module's migrations; all modules' run together in timestamp order. */
export const kpiMigrations: (new () => import('typeorm').MigrationInterface)[] = [KpiReadIndexes1765000000000];
