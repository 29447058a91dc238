#!/usr/bin/env node
/**
 * Runs every benchmark of scripts/bench/ one after the other, each as its own child process from dist/
 * (`node dist/scripts/bench/<name>.js`, working directory the repository root), with this process's
 * environment passed through. Each one's output is printed as it comes; at the end, a summary of which
 * passed (exit code 0) and how long each took. Exits 1 when any failed.
 *
 *   npm run bench                                   (builds first, then runs them all: expect half an hour)
 *   BENCH_ONLY=load-http,kpi-indicators npm run bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
 *
 * What the benchmarks need on the machine (each checks and fails on its own): `openssl` (pki-*), easy-rsa 3.1 at
 * /usr/share/easy-rsa/easyrsa or EASYRSA (pki-issuance), OpenLDAP `slapd`, `slapadd`, `slappasswd`, `ldapsearch`
 * (directory-sync) and `ldapadd` (vpn-onboarding); each starts its own private slapd on a free port and uses
 * a throwaway folder, so nothing is shared between them.
 *
 * With DATABASE_URL (PostgreSQL), every benchmark gets a fresh database of its own, created next to the one
 * named in the URL (`<name>_bench_<benchmark>`) and dropped afterwards: they write tens of thousands of rows
 * with fixed identifiers and must not see each other's. The URL's user must be allowed to create databases.
 * BENCH_TIMEOUT_MINUTES (default 30) stops a benchmark that runs longer.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

/** In the order they run: quick ones first, so a broken machine shows early. */
const BENCHES = [
  'pki-issuance',
  'pki-crl',
  'inventory-intake',
  'inventory-listing',
  'inventory-race',
  'directory-sync',
  'vpn-onboarding',
  'gateway-check',
  'kpi-indicators',
  'load-http',
];
const ROOT = path.resolve(__dirname, '../../..');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30) * 60_000;

interface Outcome {
  name: string;
  ok: boolean;
  code: number | null;
  signal: string | null;
  seconds: number;
  note?: string;
}

function selected(): string[] {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only.length) return BENCHES;
  const unknown = only.filter((n) => !BENCHES.includes(n));
  if (unknown.length) throw new Error(`BENCH_ONLY names unknown benchmarks: ${unknown.join(', ')} (known: ${BENCHES.join(', ')})`);
  return BENCHES.filter((n) => only.includes(n));
}

/** A fresh PostgreSQL database for one benchmark, next to the one DATABASE_URL names; undefined on SQLite. */
async function freshDatabase(name: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base) return undefined;
  const url = new URL(base);
  const db = `${url.pathname.replace(/^\//, '') || 'postgres'}_bench_${name.replace(/-/g, '_')}`.toLowerCase();
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${db}"`);
  url.pathname = `/${db}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`) };
}

async function run(name: string): Promise<Outcome> {
  const script = path.join(ROOT, 'dist/scripts/bench', `${name}.js`);
  if (!fs.existsSync(script)) return { name, ok: false, code: null, signal: null, seconds: 0, note: `${script} not found: run npm run build` };
  const database = await freshDatabase(name);
  const env = { ...process.env, ...(database ? { DATABASE_URL: database.url } : {}) };
  process.stdout.write(`\n=== ${name}${database ? ` (database ${new URL(database.url).pathname.slice(1)})` : ''} — ${new Date().toISOString()}\n`);
  const t0 = performance.now();
  try {
    return await new Promise<Outcome>((resolve) => {
      const child = spawn(process.execPath, [script], { cwd: ROOT, env, stdio: 'inherit' });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
      }, TIMEOUT_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        resolve({ name, ok: false, code: null, signal: null, seconds: (performance.now() - t0) / 1000, note: err.message });
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({
          name,
          ok: code === 0 && !timedOut,
          code,
          signal,
          seconds: (performance.now() - t0) / 1000,
          note: timedOut ? `stopped after ${TIMEOUT_MS / 60_000} min` : undefined,
        });
      });
    });
  } finally {
    await database?.drop().catch((err: unknown) => process.stderr.write(`could not drop the bench database: ${String(err)}\n`));
  }
}

async function main(): Promise<void> {
  const names = selected();
  const outcomes: Outcome[] = [];
  for (const name of names) {
    try {
      outcomes.push(await run(name));
    } catch (err) {
      outcomes.push({ name, ok: false, code: null, signal: null, seconds: 0, note: err instanceof Error ? err.message : String(err) });
    }
  }
  const lines = ['', '=== summary', '', '| benchmark | result | exit | time | note |', '|---|---|---:|---:|---|'];
  for (const o of outcomes) {
    lines.push(`| ${o.name} | ${o.ok ? 'passed' : 'FAILED'} | ${o.signal ?? o.code ?? '–'} | ${o.seconds.toFixed(1)} s | ${o.note ?? ''} |`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  lines.push('', `${outcomes.length - failed.length} passed, ${failed.length} failed`, '');
  process.stdout.write(lines.join('\n'));
  if (failed.length) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
