/**
 * The public face of the kpi feature: all that other features (and the composition root) may import from it.
 * Everything else under src/kpi/ is private (eslint-rules/feature-boundaries.js).
 */
export { kpiEntities } from './kpi.entities';
export { KpiModule } from './kpi.module';
export { kpiMigrations } from './migrations';
export { KPI_ERRORS, KpiErrorCode } from './kpi.errors';
