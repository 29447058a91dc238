/** The kpi feature owns no table: it reads through the SQL and ports the owning features publish. */
export const kpiEntities: (new () => object)[] = [];
