export const activitiesEntities: Function[] = [];
