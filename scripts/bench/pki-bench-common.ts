/**
 * Shared set-up of the PKI benchmarks: the application context exactly as the service builds it (same
 * modules, same CA loading, same unit of work and audit), on a throwaway SQLite file, or on PostgreSQL when
 * DATABASE_URL is set (point it at a throwaway database). Plus the peers' tools, run as administrators do.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { namedCsrs } from '../../test/fixtures/onboardable';

export interface BenchContext {
  ctx: INestApplicationContext;
  config: AppConfig;
  dataDir: string;
  close(): Promise<void>;
}

/** `caBits`: the CA key size (config/pki.json ca.keySize is overridden in a private copy of the config folder). */
export async function startBenchContext(options: { caBits?: number } = {}): Promise<BenchContext> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-pki-bench-'));
  const configDir = path.join(dataDir, 'config');
  fs.mkdirSync(configDir);
  const sourceDir = path.resolve(process.env.CONFIG_DIR ?? './config');
  for (const f of fs.existsSync(sourceDir) ? fs.readdirSync(sourceDir) : []) fs.copyFileSync(path.join(sourceDir, f), path.join(configDir, f));
  const source = path.join(sourceDir, 'pki.json');
  const pki = fs.existsSync(source) ? JSON.parse(fs.readFileSync(source, 'utf8')) : {};
  if (options.caBits) pki.ca = { ...(pki.ca ?? {}), keySize: options.caBits };
  fs.writeFileSync(path.join(configDir, 'pki.json'), JSON.stringify(pki));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    DATA_DIR: dataDir,
    CONFIG_DIR: configDir,
    CA_PASSPHRASE: 'bench-ca-passphrase-not-secret',
    RUN_WORKERS: 'false',
  });
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error'], abortOnError: false });
  return {
    ctx,
    config,
    dataDir,
    close: async () => {
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * RSA-2048 CSRs as laptops make them (request info written by forge, signed by the requester's key).
 * Keys are drawn from a pool: the issuing side's work does not depend on whether two CSRs share a key,
 * and generating 500 RSA keys would only measure key generation.
 */
export async function makeCsrs(count: number, prefix: string, keyPool = 25): Promise<{ username: string; csrPem: string }[]> {
  const usernames = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  const pems = await namedCsrs(usernames, Math.min(keyPool, count));
  return usernames.map((username, i) => ({ username, csrPem: pems[i] }));
}

export function tool(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model ?? 'cpu'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${tool('openssl', ['version']).trim()}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;
}
