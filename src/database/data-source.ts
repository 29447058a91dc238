import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { prepareDataDir } from './data-dir';
import { entities } from './entities';
import { migrations } from './migrations';
import { quietSqlite3 } from './sqlite-driver';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  prepareDataDir(config);
  if (config.database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: config.database.url, extra: { max: config.database.poolSize } };
  }
  return { ...common, type: 'sqlite', driver: quietSqlite3, database: config.database.file, enableWAL: true, busyTimeout: 5000 };
}

const MIGRATION_LOCK = 7_263_541;

/**
 * Runs pending migrations. On PostgreSQL several instances may start at once: a session-level advisory lock,
 * held on a connection of its own, lets one migrate while the others wait and then find nothing to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dataSource.options.type !== 'postgres') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lockRunner.release();
  }
}

export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  if (dataSource.options.type === 'sqlite') {
    // One shared connection serves every request: a 64 MiB page cache (instead of 2 MiB) keeps the indicator
    // aggregates over 100,000 handovers in memory (cold KPI queries ~40% faster in scripts/bench/kpi-indicators).
    await dataSource.query('PRAGMA cache_size = -65536');
  }
  await runMigrations(dataSource);
  return dataSource;
}
