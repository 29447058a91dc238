export const inventoryEntities: Function[] = [];
