/**
 * Shared set-up of the inventory benchmarks: a real application on 127.0.0.1 (same bootstrap as production),
 * on a throwaway SQLite file, or on PostgreSQL when DATABASE_URL is set (use a throwaway database: benches
 * write tens of thousands of rows), plus small HTTP and statistics helpers.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { SYSTEM_ACTOR } from '../../src/common/auth/roles';
import { loadConfig } from '../../src/config/app-config';

export interface BenchApp {
  app: NestExpressApplication;
  url: string;
  tech: string;
  admin: string;
  dataSource: DataSource;
  database: string;
  close(): Promise<void>;
}

export async function startBenchApp(): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-'));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    CA_PASSPHRASE: 'bench-ca-passphrase-not-secret',
    IMPORT_BODY_LIMIT: '50mb',
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '20',
  });
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const tokens = app.get(TokenService);
  const tech = (await tokens.create(SYSTEM_ACTOR, { name: 'Bench Technician', role: 'technician' })).token;
  const admin = (await tokens.create(SYSTEM_ACTOR, { name: 'bench-admin', role: 'admin' })).token;
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    tech,
    admin,
    dataSource: app.get(DataSource),
    database: config.database.kind,
    close: async () => {
      await app.close();
      // BENCH_KEEP=1 keeps the SQLite file to study query plans afterwards
      if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dataDir}\n`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function call<T = unknown>(
  b: BenchApp,
  method: string,
  url: string,
  token: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${b.url}${url}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function must<T = Record<string, unknown>>(
  b: BenchApp,
  method: string,
  url: string,
  token: string,
  body?: unknown,
  contentType?: string,
): Promise<T> {
  const res = await call<T>(b, method, url, token, body, contentType);
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
export function rng(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function createModel(b: BenchApp, kind: string, manufacturer: string, model: string): Promise<{ id: string }> {
  return must(b, 'POST', '/api/v1/models', b.tech, { kind, manufacturer, model });
}

export async function createLot(b: BenchApp, modelId: string, quantity: number): Promise<{ id: string }> {
  const created = await must<{ lot: { id: string } }>(b, 'POST', '/api/v1/lots', b.tech, {
    modelId,
    supplier: 'Bench S.p.A.',
    cig: '8563412A7F',
    orderNumber: `ODA-${modelId.slice(0, 8)}-${quantity}`,
    orderDate: '2021-03-01',
    deliveryDate: '2021-04-15',
    quantity,
    unitPriceCents: 65000,
    warrantyMonths: 36,
    ...(quantity > 100 ? { overrideReason: 'benchmark lot' } : {}),
  });
  return created.lot;
}

/** A CSV of `count` rows: serial, asset tag (every other row left to the generator), MAC. */
export function serialsCsv(prefix: string, count: number, offset = 0): string {
  const lines = ['serial,asset_tag,mac'];
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const mac = [0x02, (n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255, 0x01].map((x) => x.toString(16).padStart(2, '0')).join(':');
    lines.push(`${prefix}${String(n).padStart(8, '0')},${i % 2 ? `${prefix}-T${String(n).padStart(8, '0')}` : ''},${mac}`);
  }
  return lines.join('\n') + '\n';
}
