import { MigrationInterface } from 'typeorm';
import { activitiesMigrations } from '../../activities';
import { agreementsMigrations } from '../../agreements';
import { auditMigrations } from '../../audit';
import { authMigrations } from '../../auth';
import { directoryMigrations } from '../../directory';
import { inventoryMigrations } from '../../inventory';
import { kpiMigrations } from '../../kpi';
import { noticesMigrations } from '../../notices';
import { offboardingMigrations } from '../../offboarding';
import { pkiMigrations } from '../../pki';
import { trainingMigrations } from '../../training';
import { vpnMigrations } from '../../vpn';
import { Foundation1764200000000 } from './1764200000000-foundation';

/**
 * Every migration. Each feature keeps its migrations beside its code (so features grow without touching
 * one shared list); TypeORM runs them all in timestamp order, at start and in test setup, on SQLite and
 * PostgreSQL alike. Timestamp ranges: foundation 17642…, directory 17643…, activities 17644…,
 * agreements 17645…, offboarding 17646…, inventory 17647…, pki 17648…, vpn 17649…, inventory's KPI read indexes
 * 17650… (a kpi migration once; kpi owns no table);
 * a feature's later migration takes a timestamp after every existing one (17651…: inventory's handover_items holder;
 * 176521…: auth's session parent; 176522…: audit's keyed chain; 176523…: pki's station key packages;
 * 176524…: agreements' countersignature trail; 1765263…: pki's hold owner, then vpn's suspension cause).
 */
export const migrations: (new () => MigrationInterface)[] = [
  Foundation1764200000000,
  ...directoryMigrations,
  ...activitiesMigrations,
  ...agreementsMigrations,
  ...offboardingMigrations,
  ...inventoryMigrations,
  ...pkiMigrations,
  ...vpnMigrations,
  ...kpiMigrations,
  ...authMigrations,
  ...auditMigrations,
  ...noticesMigrations,
  ...trainingMigrations,
];
