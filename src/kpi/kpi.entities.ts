import { KpiAttendanceTotalEntity } from './kpi-attendance-total.entity';
import { KpiDeclaredValueEntity } from './kpi-declared-value.entity';

/** The kpi feature owns only the POLA inputs (declared values, HR attendance totals); the rest it reads through the SQL and ports the owning features publish. */
export const kpiEntities: (new () => object)[] = [KpiDeclaredValueEntity, KpiAttendanceTotalEntity];
