import { JobQueue } from '../../../src/jobs/job-queue';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { Outbox } from '../../../src/jobs/outbox/outbox.service';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

declare module '../../../src/jobs/job-types' {
  interface JobPayloads {
    'test.effect': { key: string };
    'test.flaky': { key: string; failures: number };
    'test.broken': { key: string };
    'test.slow': { key: string; ms: number };
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The same contract, run against both drivers: in-process (jobs in the database) and BullMQ on a real Redis. */
describe.each([
  ['in-process', false],
  ['bullmq', true],
])('job queue contract: %s driver', (driver, redis) => {
  let t: TestApp;
  const effects = new Map<string, number>();
  const attempts = new Map<string, number[]>();
  const bump = (key: string) => effects.set(key, (effects.get(key) ?? 0) + 1);

  beforeAll(async () => {
    t = await startTestApp({ redis, env: { JOB_ATTEMPTS: '3', JOB_BACKOFF_MS: '100' } });
    const registry = t.get(JobRegistry);
    registry.register('test.effect', async ({ key }) => {
      bump(key);
    });
    registry.register('test.flaky', async ({ key, failures }, ctx) => {
      attempts.set(key, [...(attempts.get(key) ?? []), Date.now()]);
      if (ctx.attempt <= failures) throw new Error(`planned failure ${ctx.attempt}`);
      bump(key);
    });
    registry.register('test.broken', async () => {
      throw new Error('always broken');
    });
    registry.register('test.slow', async ({ key, ms }) => {
      await new Promise((r) => setTimeout(r, ms));
      bump(key);
    });
  });
  afterAll(() => t?.close());

  it(`uses the ${driver} driver`, () => {
    expect(t.get(JobQueue).driver).toBe(driver);
  });

  it('runs a job once however many times the same job id is added', async () => {
    const queue = t.get(JobQueue);
    await Promise.all([1, 2, 3, 4, 5].map(() => queue.add('test.effect', { key: 'idem' }, { jobId: 'idem-1' })));
    await until(() => effects.get('idem') === 1, 15_000, 'idempotent job');
    await queue.add('test.effect', { key: 'idem' }, { jobId: 'idem-1' });
    await new Promise((r) => setTimeout(r, 500));
    expect(effects.get('idem')).toBe(1);
  });

  it('refuses job ids that one of the drivers cannot keep', async () => {
    await expect(t.get(JobQueue).add('test.effect', { key: 'x' }, { jobId: 'has:colon' })).rejects.toThrow(/invalid job id/);
    await expect(t.get(JobQueue).add('test.effect', { key: 'x' }, { jobId: '12345' })).rejects.toThrow(/invalid job id/);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    await t.get(JobQueue).add('test.flaky', { key: 'flaky', failures: 2 }, { jobId: 'flaky-1' });
    await until(() => effects.get('flaky') === 1, 15_000, 'flaky job to succeed');
    const times = attempts.get('flaky')!;
    expect(times).toHaveLength(3);
    const firstGap = times[1] - times[0];
    const secondGap = times[2] - times[1];
    expect(firstGap).toBeGreaterThanOrEqual(90);
    expect(secondGap).toBeGreaterThanOrEqual(190);
  });

  it('keeps a job that failed every attempt, lists it over HTTP, and can retry it', async () => {
    await t.get(JobQueue).add('test.broken', { key: 'b' }, { jobId: 'broken-1' });
    await until(async () => (await t.get(JobQueue).listFailed()).some((j) => j.id === 'broken-1'), 15_000, 'failed job');
    const res = await t.http().get('/api/v1/jobs/failed').set(auth(t.adminToken)).expect(200);
    const failed = res.body.find((j: { id: string }) => j.id === 'broken-1');
    expect(failed).toMatchObject({ name: 'test.broken', attempts: 3, error: 'always broken', payload: { key: 'b' } });
    await t
      .http()
      .get('/api/v1/jobs/failed')
      .set(auth(await t.tokenFor('hotline')))
      .expect(403);
    await t.http().post('/api/v1/jobs/failed/broken-1/retry').set(auth(t.adminToken)).expect(202);
    await t.http().post('/api/v1/jobs/failed/no-such-job/retry').set(auth(t.adminToken)).expect(404);
    const stats = await t.http().get('/api/v1/jobs/stats').set(auth(t.adminToken)).expect(200);
    expect(stats.body.driver).toBe(driver);
  });

  it('runs outbox work only when its transaction commits', async () => {
    const uow = t.get(UnitOfWork);
    const outbox = t.get(Outbox);
    await uow.run((tx) => outbox.record(tx, 'test.effect', { key: 'committed' }));
    await expect(
      uow.run(async (tx) => {
        await outbox.record(tx, 'test.effect', { key: 'rolled-back' });
        throw new Error('business rule refused');
      }),
    ).rejects.toThrow('business rule refused');
    await until(() => effects.get('committed') === 1, 15_000, 'committed outbox work');
    await new Promise((r) => setTimeout(r, 500));
    expect(effects.has('rolled-back')).toBe(false);
    const pending = await t.dataSource.query("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    expect(Number(pending[0].n)).toBe(0);
  });

  it('drains in-flight jobs before shutdown completes', async () => {
    const other = await startTestApp({ redis, env: { SHUTDOWN_TIMEOUT_MS: '10000' } });
    let ran = false;
    other.get(JobRegistry).register('test.slow', async () => {
      await new Promise((r) => setTimeout(r, 800));
      ran = true;
    });
    await other.get(JobQueue).add('test.slow', { key: 'slow', ms: 800 }, { jobId: 'slow-1' });
    await until(async () => (await other.get(JobQueue).counts()).active === 1, 10_000, 'slow job to start');
    await other.close();
    expect(ran).toBe(true);
  });
});
