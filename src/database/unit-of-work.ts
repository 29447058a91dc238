import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

export type DatabaseKind = 'sqlite' | 'postgres';

interface Pending {
  work: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** The most units one SQLite commit carries (a bound on how long the first of them waits for its answer). */
const MAX_GROUP = 64;

/** A transaction in progress: the manager to query with, and work to run once it has committed. */
export class Tx {
  private readonly committed: (() => void)[] = [];
  constructor(
    readonly manager: EntityManager,
    readonly kind: DatabaseKind,
  ) {}

  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  /** @internal */
  flushAfterCommit(): void {
    for (const fn of this.committed.splice(0)) {
      try {
        fn();
      } catch {
        // after-commit hooks are nudges (wake the relay); they must never fail the committed work
      }
    }
  }
}

/**
 * The only way the service writes. On PostgreSQL each unit is a READ COMMITTED transaction whose races are
 * settled by conditional updates and row locks. The sqlite3 driver shares one connection between all of
 * TypeORM's query runners, so two interleaved transactions would nest and fail ("cannot start a
 * transaction within a transaction") or, worse, a plain write would join someone else's transaction:
 * on SQLite units are therefore serialised here, which is also what SQLite's single writer does anyway.
 *
 * Group commit on SQLite: units that arrive while others run wait in a queue, and the next batch runs them one
 * after the other inside one transaction, each in a SAVEPOINT of its own, then commits once. A unit that fails
 * is rolled back to its savepoint and fails alone; the others commit (the same outcome as running them one by
 * one, in arrival order). A unit's promise settles only after the COMMIT: if the COMMIT fails, every unit of the
 * batch fails with it and none was written. What is shared is the commit's fsync, which is most of a small unit's
 * cost: with concurrent requests the throughput grows instead of queueing behind one fsync each.
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteLock = new Mutex();
  readonly kind: DatabaseKind;

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.enqueue(work);
    const { result, tx } = await this.dataSource.transaction(async (manager) => {
      const tx = new Tx(manager, this.kind);
      return { result: await work(tx), tx };
    });
    tx.flushAfterCommit();
    return result;
  }

  private readonly queue: Pending[] = [];
  private draining = false;

  private enqueue<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_GROUP);
        await this.sqliteLock.runExclusive(() => (batch.length === 1 ? this.runAlone(batch[0]) : this.runGroup(batch)));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runAlone(unit: Pending): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const { result, tx } = await this.inImmediate(runner, async () => {
        const tx = new Tx(runner.manager, 'sqlite');
        return { result: await unit.work(tx), tx };
      }).catch((err) => this.resetSqlite(err));
      tx.flushAfterCommit();
      unit.resolve(result);
    } catch (err) {
      unit.reject(err);
    } finally {
      await runner.release();
    }
  }

  /**
   * BEGIN IMMEDIATE rather than TypeORM's deferred BEGIN: the write lock is taken up front, where SQLite's
   * busy_timeout waits for another process's writer (the demo beside the service, the CLI). A deferred transaction
   * that has read and then writes after another process committed fails at once with SQLITE_BUSY, whatever the
   * timeout (its snapshot is stale). Every unit here writes, and units are serialised anyway.
   */
  private async beginImmediate(runner: QueryRunner): Promise<void> {
    await runner.query('BEGIN IMMEDIATE');
    Object.assign(runner as unknown as { isTransactionActive: boolean; transactionDepth: number }, { isTransactionActive: true, transactionDepth: 1 });
  }

  private async inImmediate<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
    await this.beginImmediate(runner);
    try {
      const result = await work();
      await runner.commitTransaction();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  }

  private async runGroup(batch: Pending[]): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const done: { unit: Pending; result: unknown; tx: Tx }[] = [];
    const failedAlone = new Set<Pending>();
    try {
      await this.beginImmediate(runner);
      for (const unit of batch) {
        await runner.startTransaction(); // SAVEPOINT
        const tx = new Tx(runner.manager, 'sqlite');
        let result: unknown;
        try {
          result = await unit.work(tx);
        } catch (err) {
          failedAlone.add(unit);
          unit.reject(err);
          await runner.rollbackTransaction(); // ROLLBACK TO SAVEPOINT: this unit alone (if that fails, the batch fails)
          continue;
        }
        await runner.commitTransaction(); // RELEASE SAVEPOINT
        done.push({ unit, result, tx });
      }
      await runner.commitTransaction(); // COMMIT: one fsync for the batch
    } catch (err) {
      // the transaction itself broke (COMMIT refused by the disk, a savepoint that could not be rolled back):
      // nothing of the batch is written, and every unit not already refused on its own fails with this error
      await this.resetSqlite(err).catch(() => undefined);
      for (const unit of batch) if (!failedAlone.has(unit)) unit.reject(err);
      return;
    } finally {
      await runner.release();
    }
    for (const { unit, result, tx } of done) {
      tx.flushAfterCommit();
      unit.resolve(result);
    }
  }

  /**
   * A COMMIT refused by the disk (I/O error, read-only or full volume) left TypeORM's one shared SQLite query runner
   * believing its transaction was still open (the ROLLBACK that follows fails with "no transaction is active"):
   * every later unit then ran as a SAVEPOINT inside a transaction that never commits — answered as saved, visible to
   * this process only, lost at the next restart. After any failed unit the connection is put back to autocommit
   * (still under the lock, so no other unit is in flight): roll back whatever is open, reset the runner's depth.
   */
  private async resetSqlite(err: unknown): Promise<never> {
    const runner = this.dataSource.driver.createQueryRunner('master') as unknown as {
      query: QueryRunner['query'];
      isTransactionActive: boolean;
      transactionDepth: number;
    };
    await runner.query('ROLLBACK').catch(() => undefined); // usually nothing is open: TypeORM rolled back already
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
    throw err;
  }
}
