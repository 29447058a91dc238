import { randomUUID } from 'node:crypto';
import { CrlService } from '../../src/pki/crl.service';
import { startTestApp, TestApp } from '../helpers/test-app';
import { sleep } from './support/service-process';

jest.setTimeout(60_000);

/**
 * A process that dies while running an in-process job leaves the job 'active' with a lease. Found by the kill -9
 * test on PostgreSQL: the lease was only looked at when a process started, so a job left by a crashed process
 * stayed active for good when the survivor (or the restarted process) had started before the lease ran out.
 * A running process must take such a job over once its lease has expired, and never take back its own.
 */
describe('in-process jobs left active by a dead process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JOB_LEASE_MS: '3000' } });
  });
  afterAll(() => t.close());

  const insertJob = (lockedBy: string, lockedUntil: string) =>
    t.dataSource.query(
      `INSERT INTO local_jobs (id, job_id, name, payload, status, attempts, max_attempts, backoff_ms, run_at, created_at, started_at, locked_by, locked_until)
       VALUES ('${randomUUID()}', 'lease-${randomUUID()}', 'pki.crl-rebuild', '{"trigger":"force"}', 'active', 1, 5, 100, '${new Date().toISOString()}', '${new Date().toISOString()}', '${new Date().toISOString()}', '${lockedBy}', '${lockedUntil}')`,
    );
  const statusOf = async (owner: string) => t.dataSource.query<{ status: string }[]>(`SELECT status FROM local_jobs WHERE locked_by = '${owner}'`);

  it('takes over a job whose lease expired while the process runs, and runs it once', async () => {
    if (t.config.queue.kind !== 'in-process') return;
    const before = (await t.get(CrlService).current()).crlNumber;
    await insertJob('dead-process', new Date(Date.now() - 1000).toISOString());
    const deadline = Date.now() + 15_000;
    let rows: { status: string }[] = [];
    while (Date.now() < deadline) {
      rows = await t.dataSource.query("SELECT status FROM local_jobs WHERE name = 'pki.crl-rebuild' AND job_id LIKE 'lease-%'");
      if (rows.every((r) => r.status === 'completed')) break;
      await sleep(200);
    }
    expect(rows.map((r) => r.status)).toEqual(['completed']);
    expect((await t.get(CrlService).current()).crlNumber).toBe(before + 1);
  });

  it('leaves alone a job whose lease is still running (its process may be alive)', async () => {
    if (t.config.queue.kind !== 'in-process') return;
    const owner = `alive-${randomUUID().slice(0, 8)}`;
    await insertJob(owner, new Date(Date.now() + 60_000).toISOString());
    await sleep(2500);
    expect((await statusOf(owner)).map((r) => r.status)).toEqual(['active']);
  });
});
