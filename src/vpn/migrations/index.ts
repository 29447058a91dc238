import { Vpn1764900000000 } from './1764900000000-vpn';

/** This module's migrations; all modules' run together in timestamp order. */
export const vpnMigrations: (new () => import('typeorm').MigrationInterface)[] = [Vpn1764900000000];
