export const pkiEntities: Function[] = [];
