import { Notices1766000000300 } from './1766000000300-notices';

/** This module's migrations; all modules' run together in timestamp order. */
export const noticesMigrations: (new () => import('typeorm').MigrationInterface)[] = [Notices1766000000300];
