import { MigrationInterface } from 'typeorm';
import { AuthSessionParent1765210000000 } from './1765210000000-session-parent';

/** This module's migrations (api_tokens itself is created by the foundation); all modules' run together in timestamp order. */
export const authMigrations: (new () => MigrationInterface)[] = [AuthSessionParent1765210000000];
