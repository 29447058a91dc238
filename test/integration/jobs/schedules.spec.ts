import { JobQueue } from '../../../src/jobs/job-queue';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { createTestDatabase, testDbKind } from '../../helpers/test-db';
import { startTestApp, TestApp } from '../../helpers/test-app';

declare module '../../../src/jobs/job-types' {
  interface JobPayloads {
    'test.tick': { label: string };
  }
}

const PERIOD = 1000;
const WINDOW = 4500;

/** Two instances declare the same schedule; the ticks must fire once each, not once per instance. */
async function ticksWithTwoInstances(make: () => Promise<[TestApp, TestApp]>): Promise<number> {
  const [a, b] = await make();
  let ticks = 0;
  try {
    for (const t of [a, b]) t.get(JobRegistry).register('test.tick', async () => void (ticks += 1));
    await Promise.all([a, b].map((t) => t.get(JobQueue).schedule({ id: 'tick', everyMs: PERIOD, job: 'test.tick', payload: { label: 'x' } })));
    await new Promise((r) => setTimeout(r, WINDOW));
    return ticks;
  } finally {
    await a.close();
    await b.close();
  }
}

describe('recurring work with several instances', () => {
  it('BullMQ job schedulers fire once per tick with two instances on one Redis', async () => {
    const prefix = `sched${Date.now()}`;
    const ticks = await ticksWithTwoInstances(async () => [
      await startTestApp({ redis: true, env: { QUEUE_PREFIX: prefix } }),
      await startTestApp({ redis: true, env: { QUEUE_PREFIX: prefix } }),
    ]);
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(ticks).toBeLessThanOrEqual(Math.ceil(WINDOW / PERIOD) + 1);
  });

  (testDbKind() === 'postgres' ? it : it.skip)('in-process schedules on one PostgreSQL fire once per tick (job ids dedupe)', async () => {
    const db = await createTestDatabase('postgres');
    try {
      const ticks = await ticksWithTwoInstances(async () => [await startTestApp({ database: db }), await startTestApp({ database: db })]);
      expect(ticks).toBeGreaterThanOrEqual(3);
      expect(ticks).toBeLessThanOrEqual(Math.ceil(WINDOW / PERIOD) + 1);
    } finally {
      await db.drop();
    }
  });

  it('a single in-process instance fires its schedule', async () => {
    const t = await startTestApp();
    let ticks = 0;
    try {
      t.get(JobRegistry).register('test.tick', async () => void (ticks += 1));
      await t.get(JobQueue).schedule({ id: 'solo', everyMs: 300, job: 'test.tick', payload: { label: 'solo' } });
      await new Promise((r) => setTimeout(r, 1400));
      expect(ticks).toBeGreaterThanOrEqual(3);
    } finally {
      await t.close();
    }
  });
});
