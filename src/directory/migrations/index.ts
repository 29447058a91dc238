import { ServicesEmployees1764300000000 } from './1764300000000-services-employees';

/** This module's migrations; all modules' run together in timestamp order. */
export const directoryMigrations = [ServicesEmployees1764300000000];
