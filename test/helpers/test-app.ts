import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { Clock } from '../../src/common/clock';
import { Role, SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createTestDatabase, TestDatabase } from './test-db';

export interface TestAppOptions {
  env?: Record<string, string | undefined>;
  clock?: Clock;
  /** Use BullMQ on the private test Redis instead of the in-process driver. */
  redis?: boolean;
  /** Reuse a database (several instances on one database). */
  database?: TestDatabase;
  /** Listen on this address instead of 127.0.0.1 (the plain-HTTP intranet browser test). */
  host?: string;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: TestDatabase;
  url: string;
  dataSource: DataSource;
  adminToken: string;
  http(): request.Agent;
  tokenFor(role: Role, name?: string): Promise<string>;
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** A real application (real HTTP server on 127.0.0.1, real database, real queue driver) for one test file. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase(undefined, { migrated: true }));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: db.dataDir,
    OUTBOX_POLL_MS: '200',
    JOB_BACKOFF_MS: '100',
    CA_PASSPHRASE: 'test-ca-passphrase-not-secret',
    AUDIT_HMAC_KEY: 'test-audit-hmac-key-not-secret-0123456789',
    // A 2048-bit CA is generated in a fraction of the time of the 3072-bit default; tests start many apps.
    CA_KEY_SIZE: '2048',
    ...db.env,
    ...(options.redis ? { REDIS_URL: requiredEnv('TEST_REDIS_URL'), QUEUE_PREFIX: `t${Math.random().toString(36).slice(2, 10)}` } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const app = await createApp(config, { clock: options.clock });
  const host = options.host ?? '127.0.0.1';
  await app.listen(0, host);
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://${host}:${address.port}`;
  const tokens = app.get(TokenService);
  const admin = await tokens.create(SYSTEM_ACTOR, { name: 'test-admin', role: 'admin' });
  return {
    app,
    config,
    db,
    url,
    dataSource: app.get(DataSource),
    adminToken: admin.token,
    http: () => request.agent(url),
    tokenFor: async (role, name = `test-${role}`) => (await tokens.create(SYSTEM_ACTOR, { name, role })).token,
    get: <T>(type: abstract new (...args: never[]) => T) => app.get<T>(type),
    close: async () => {
      await app.close();
      if (!options.database) await db.drop();
    },
  };
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with "npm test", which starts the private services`);
  return value;
}

export function auth(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}
