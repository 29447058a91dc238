export const kpiEntities: Function[] = [];
