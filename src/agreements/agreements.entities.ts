export const agreementsEntities: Function[] = [];
