import { AuditKeyedChain1765220000000 } from './1765220000000-audit-keyed-chain';

/** This module's migrations; all modules' run together in timestamp order. */
export const auditMigrations: (new () => import('typeorm').MigrationInterface)[] = [AuditKeyedChain1765220000000];
