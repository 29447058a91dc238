/**
 * This module's migrations; all modules' run together in timestamp order. The kpi feature owns no table: the read
 * indexes its queries need were moved to the owner of the tables (inventory's 1765000000000-kpi-read-indexes).
 */
export const kpiMigrations: (new () => import('typeorm').MigrationInterface)[] = [];
