export const vpnEntities: Function[] = [];
