import { Agreements1764500000000 } from './1764500000000-agreements';

/** This module's migrations; all modules' run together in timestamp order. */
export const agreementsMigrations: (new () => import('typeorm').MigrationInterface)[] = [Agreements1764500000000];
