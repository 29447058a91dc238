import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig } from '../../src/config/app-config';

/**
 * An application context without HTTP, workers or schedules: the CLI uses the same services (and so the
 * same rules, audit and outbox) as the API. Work it records is sent by the running service's relay.
 */
export async function withContext<T>(fn: (ctx: INestApplicationContext, config: AppConfig) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...process.env, RUN_WORKERS: 'false', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error'], abortOnError: false });
  try {
    return await fn(ctx, config);
  } finally {
    await ctx.close();
  }
}

export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

/** A cell as text: values the CLI prints are strings, numbers, booleans or null. */
function cell(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
}

export function table(rows: Record<string, unknown>[], columns: string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  print(columns.map((c, i) => c.padEnd(widths[i])).join('  '));
  for (const r of rows) print(columns.map((c, i) => cell(r[c]).padEnd(widths[i])).join('  '));
}
