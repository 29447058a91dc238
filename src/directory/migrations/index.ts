import { ServicesEmployees1764300000000 } from './1764300000000-services-employees';
import { DirectorySync1764300000001 } from './1764300000001-directory-sync';
import { DirectorySyncWatermark1765316000000 } from './1765316000000-directory-sync-watermark';
import { EmployeesDropNameIndex1766200000000 } from './1766200000000-employees-drop-name-index';

/** This module's migrations; all modules' run together in timestamp order. */
export const directoryMigrations = [
  ServicesEmployees1764300000000,
  DirectorySync1764300000001,
  DirectorySyncWatermark1765316000000,
  EmployeesDropNameIndex1766200000000,
];
