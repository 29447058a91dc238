import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The service as production runs it: `node dist/src/main.js` in a process of its own, configured by environment
 * variables only, logs to a file. Fault tests need a real process: kill -9 cannot be simulated in-process, and
 * several instances must not share a Node heap.
 */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

function newestMtime(dir: string, filter: (f: string) => boolean): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, filter));
    else if (filter(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than src/ (the test runner builds before the hardening pass; this
 * covers a developer running one spec). Two jest workers may get here at once: a lock directory serialises them.
 */
export function ensureBuilt(): void {
  const stale = () =>
    !fs.existsSync(MAIN) ||
    newestMtime(path.join(ROOT, 'src'), (f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')) >
      newestMtime(path.join(ROOT, 'dist', 'src'), (f) => f.endsWith('.js'));
  if (!stale()) return;
  const lock = path.join(os.tmpdir(), 'rw-hardening-build.lock');
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not take ${lock}`);
      spawnSync('sleep', ['0.5']);
    }
  }
  try {
    if (!stale()) return;
    const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), prefix));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function randomToken(): string {
  return `boot-${randomBytes(24).toString('hex')}`;
}

export interface ServiceOptions {
  /** Environment on top of the defaults below (DATA_DIR is required). */
  env: Record<string, string | undefined>;
  /** Where stdout and stderr go (appended: a restarted process writes after the killed one). */
  logFile: string;
  readyTimeoutMs?: number;
}

export class ServiceProcess {
  private exitCode: number | null | undefined = undefined;
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly port: number,
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
      }),
    );
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  static async start(options: ServiceOptions): Promise<ServiceProcess> {
    const port = options.env.PORT ? Number(options.env.PORT) : await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      TZ: 'UTC',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      CA_PASSPHRASE: 'hardening-ca-passphrase-not-secret',
      AUDIT_HMAC_KEY: 'hardening-audit-hmac-key-not-secret-0123',
      CA_KEY_SIZE: '2048',
      OUTBOX_POLL_MS: '200',
      JOB_BACKOFF_MS: '200',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
    for (const [k, v] of Object.entries(options.env)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    env.PORT = String(port);
    const out = fs.openSync(options.logFile, 'a');
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const service = new ServiceProcess(child, `http://127.0.0.1:${port}`, port, env, options.logFile);
    try {
      await service.waitReady(options.readyTimeoutMs ?? 60_000);
    } catch (err) {
      await service.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n--- ${options.logFile} (tail) ---\n${service.logs().slice(-4000)}`);
    }
    return service;
  }

  /** Ready: /health answers 200 (database up). */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`the service exited with ${this.exitCode} before it was ready`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`the service was not ready after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 20_000): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Graceful stop (SIGTERM: in-flight jobs finish). */
  stop(): Promise<number | null> {
    return this.kill('SIGTERM');
  }

  logs(): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }
}

/** A JSON call over real HTTP (global fetch). Never throws on a status: returns it with the parsed body. */
export interface CallResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function call<T = any>(
  base: string,
  method: string,
  route: string,
  options: { token?: string; body?: unknown; raw?: string | Buffer; contentType?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let payload: string | Buffer | undefined;
  if (options.raw !== undefined) {
    payload = options.raw;
    headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['Content-Type'] = options.contentType ?? 'application/json';
  }
  const res = await fetch(`${base}${route}`, { method, headers, body: payload, signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

/** Like `call`, but anything outside 2xx is an error naming the route and the answer. */
export async function must<T = any>(base: string, method: string, route: string, options: Parameters<typeof call>[3] = {}): Promise<T> {
  const r = await call<T>(base, method, route, options);
  if (r.status >= 300) throw new Error(`${method} ${route}: ${r.status} ${r.text.slice(0, 600)}`);
  return r.body;
}

/** A token for a role, made by the admin through the API (as an operator would). */
export async function tokenFor(base: string, adminToken: string, role: string, name = `hardening-${role}`): Promise<string> {
  const created = await must<{ token: string }>(base, 'POST', '/api/v1/tokens', { token: adminToken, body: { name, role } });
  return created.token;
}

/** Facts a hardening run found (timings, counts), kept in test-results/hardening/ for the report. */
export function note(name: string, facts: Record<string, unknown>): void {
  const dir = path.join(ROOT, 'test-results', 'hardening');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const previous = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  fs.writeFileSync(file, JSON.stringify({ ...previous, ...facts, at: new Date().toISOString() }, null, 2));
}
