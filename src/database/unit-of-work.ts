import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

export type DatabaseKind = 'sqlite' | 'postgres';

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
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteLock = new Mutex();
  readonly kind: DatabaseKind;

  constructor(readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const execute = () =>
      this.dataSource.transaction(async (manager) => {
        const tx = new Tx(manager, this.kind);
        const result = await work(tx);
        return { result, tx };
      });
    const { result, tx } = this.kind === 'sqlite' ? await this.sqliteLock.runExclusive(() => execute().catch((err) => this.resetSqlite(err))) : await execute();
    tx.flushAfterCommit();
    return result;
  }

  /**
   * A COMMIT refused by the disk (I/O error, read-only or full volume) left TypeORM's one shared SQLite query runner
   * believing its transaction was still open (the ROLLBACK that follows fails with "no transaction is active"):
   * every later unit then ran as a SAVEPOINT inside a transaction that never commits — answered as saved, visible to
   * this process only, lost at the next restart. After any failed unit the connection is put back to autocommit
   * (still under the lock, so no other unit is in flight): roll back whatever is open, reset the runner's depth.
   */
  private async resetSqlite(err: unknown): Promise<never> {
    const runner = this.dataSource.driver.createQueryRunner('master') as unknown as { query: QueryRunner['query']; isTransactionActive: boolean; transactionDepth: number };
    await runner.query('ROLLBACK').catch(() => undefined); // usually nothing is open: TypeORM rolled back already
    runner.isTransactionActive = false;
    runner.transactionDepth = 0;
    throw err;
  }
}
