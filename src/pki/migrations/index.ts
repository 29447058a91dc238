import { Pki1764800000000 } from './1764800000000-pki';

/** This module's migrations; all modules' run together in timestamp order. */
export const pkiMigrations: (new () => import('typeorm').MigrationInterface)[] = [Pki1764800000000];
