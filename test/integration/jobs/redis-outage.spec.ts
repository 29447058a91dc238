import { spawn, ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { JobQueue } from '../../../src/jobs/job-queue';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { Outbox } from '../../../src/jobs/outbox/outbox.service';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { startTestApp, TestApp } from '../../helpers/test-app';

declare module '../../../src/jobs/job-types' {
  interface JobPayloads {
    'test.outage-effect': { key: string };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
    });
    if (ok) return child;
    if (Date.now() > deadline) throw new Error('redis did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A Redis of this test's own, so it can be killed and brought back without touching the shared one. */
describe('outbox with BullMQ: Redis down when the work is recorded', () => {
  let t: TestApp;
  let redis: ChildProcess;
  let port: number;
  const effects = new Map<string, number>();

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, OUTBOX_POLL_MS: '100' } });
    t.get(JobRegistry).register('test.outage-effect', async ({ key }) => {
      effects.set(key, (effects.get(key) ?? 0) + 1);
    });
  });
  afterAll(async () => {
    await t?.close();
    if (redis.exitCode === null) await stop(redis);
  });

  it('keeps the work while Redis is down, runs it once Redis is back, and its effect happens once', async () => {
    await stop(redis);
    await until(async () => !(await t.get(JobQueue).healthy()), 10_000, 'the queue to notice Redis is down');
    const health = await t.http().get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'degraded', queue: { status: 'down' } });

    // The business change commits although Redis is down: the work waits in the outbox.
    await t.get(UnitOfWork).run((tx) => t.get(Outbox).record(tx, 'test.outage-effect', { key: 'k1' }));
    await new Promise((r) => setTimeout(r, 1000));
    const rows = await t.dataSource.query("SELECT status, attempts, last_error FROM outbox WHERE job_name = 'test.outage-effect'");
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
    expect(Number(rows[0].attempts)).toBeGreaterThan(0);
    expect(effects.get('k1')).toBeUndefined();

    redis = await startRedis(port);
    await until(() => effects.get('k1') === 1, 30_000, 'the job to run after Redis came back');
    await until(
      async () => {
        const r = await t.dataSource.query("SELECT status FROM outbox WHERE job_name = 'test.outage-effect'");
        return r[0].status === 'dispatched';
      },
      10_000,
      'the outbox row to be marked dispatched',
    );
    // Give a duplicate every chance to show up.
    await new Promise((r) => setTimeout(r, 1500));
    expect(effects.get('k1')).toBe(1);
    expect((await t.http().get('/health').expect(200)).body.status).toBe('ok');
  });
});
