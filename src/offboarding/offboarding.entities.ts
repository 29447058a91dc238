export const offboardingEntities: Function[] = [];
