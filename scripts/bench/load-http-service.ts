import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The load bench's service: `node dist/src/main.js` as a child process on a free port, with a throwaway DATA_DIR. */
/** The repository root: scripts run from dist/scripts/bench, sources live in scripts/bench. */
export const ROOT = path.resolve(__dirname, '../../..');

export interface Service {
  url: string;
  admin: string;
  database: string;
  proc: ChildProcess;
  dataDir: string;
  /** Log lines at level error or fatal (pino: 50, 60) the service printed, and how many warnings. */
  errorLines: string[];
  warnings: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startService(): Promise<Service> {
  const main = path.join(ROOT, 'dist/src/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} not found: run npm run build first`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-bench-load-'));
  const port = await freePort();
  // The bootstrap token only needs 24+ characters (src/config/config.schema.ts); this one has 43.
  const admin = randomBytes(32).toString('base64url');
  // BENCH_NODE_ARGS: extra node flags for the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      BOOTSTRAP_ADMIN_TOKEN: admin,
      CA_PASSPHRASE: randomBytes(18).toString('base64url'),
      AUDIT_HMAC_KEY: randomBytes(32).toString('base64url'),
      CA_KEY_SIZE: '2048',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Last resort: whatever happens to this process (an uncaught exception included), the service goes with it.
  process.once('exit', () => proc.kill('SIGKILL'));
  const service: Service = {
    url: `http://127.0.0.1:${port}`,
    admin,
    database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
    proc,
    dataDir,
    errorLines: [],
    warnings: 0,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      if (process.env.BENCH_KEEP) process.stderr.write(`kept ${dataDir}\n`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Logs are JSON lines (pino); keep the errors for the report, count the warnings, echo nothing else.
  let pending = '';
  const onLog = (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      let level = 0;
      try {
        level = (JSON.parse(line) as { level?: number }).level ?? 0;
      } catch {
        continue; // the start banner is plain text
      }
      if (level >= 50 && service.errorLines.length < 20) service.errorLines.push(line.slice(0, 2000));
      else if (level === 40) service.warnings++;
    }
  };
  proc.stdout.on('data', onLog);
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`the service exited with ${proc.exitCode} before listening: ${stderr}`);
    }
    try {
      const res = await fetch(`${service.url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await service.stop();
      throw new Error(`the service did not answer /health within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return service;
}
