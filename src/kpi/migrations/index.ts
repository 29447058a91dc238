import { PolaInputs1766000000250 } from './1766000000250-pola-inputs';

/**
 * This module's migrations; all modules' run together in timestamp order. The kpi feature owns only the POLA inputs; the read
 * indexes its queries need were moved to the owner of the tables (inventory's 1765000000000-kpi-read-indexes).
 */
export const kpiMigrations: (new () => import('typeorm').MigrationInterface)[] = [PolaInputs1766000000250];
