import type { Database, Statement } from 'sqlite3';
import { Tx } from './unit-of-work';

/** Statements bound ahead of the one SQLite is running: node-sqlite3 binds on the main thread, runs on its worker. */
const AHEAD = 3;

/**
 * Inserts many rows into an SQLite table inside the caller's transaction (same connection, so the same
 * transaction or savepoint), a multi-row statement per chunk of `rowsPerStatement` rows.
 *
 * Each statement is prepared once per chunk size and reused: preparing a 500-row VALUES list (11,000 placeholders)
 * costs SQLite more than running it, and TypeORM's `query` prepares every call afresh (scripts/bench/directory-sync:
 * a 12,500-row first sync spent ~40 % of its insert there). A few chunks are bound ahead of the one running, so the
 * binding overlaps the writing. Every statement has settled before this returns or throws: none can run after the
 * caller's transaction ended. Booleans are written as 0/1, undefined as NULL; `onWritten` hears the rows written so far.
 */
export async function sqliteInsertMany(
  tx: Tx,
  table: string,
  columns: string[],
  rows: unknown[][],
  rowsPerStatement: number,
  onWritten?: (rows: number) => void,
): Promise<void> {
  if (tx.kind !== 'sqlite') throw new Error('sqliteInsertMany is for SQLite');
  if (rows.length === 0) return;
  const runner = tx.manager.queryRunner;
  if (!runner) throw new Error('sqliteInsertMany needs the transaction of a unit of work');
  const db = (await runner.connect()) as Database;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map<number, Promise<Statement>>();
  // prepared once per chunk size; one that cannot be prepared (no such table) rejects here, before anything runs
  const statementFor = (n: number): Promise<Statement> => {
    let st = statements.get(n);
    if (!st) {
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
      st = new Promise<Statement>((resolve, reject) => {
        const statement = db.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(statement)));
      });
      statements.set(n, st);
    }
    return st;
  };
  const pending: Promise<void>[] = [];
  let failure: Error | null = null;
  let written = 0;
  try {
    for (let i = 0; i < rows.length && failure === null; i += rowsPerStatement) {
      const chunk = rows.slice(i, i + rowsPerStatement);
      const params: unknown[] = [];
      for (const row of chunk) for (const v of row) params.push(v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);
      let st: Statement;
      try {
        st = await statementFor(chunk.length);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
        break;
      }
      pending.push(
        new Promise<void>((resolve) =>
          st.run(params, (err: Error | null) => {
            if (err && failure === null) failure = err;
            if (!err && failure === null) {
              written += chunk.length;
              onWritten?.(written);
            }
            resolve();
          }),
        ),
      );
      if (pending.length > AHEAD) await pending[pending.length - 1 - AHEAD];
    }
  } finally {
    await Promise.all(pending);
    const prepared = await Promise.all([...statements.values()].map((st) => st.catch(() => null)));
    await Promise.all(prepared.flatMap((st) => (st ? [new Promise<void>((resolve) => st.finalize(() => resolve()))] : [])));
  }
  if (failure !== null) throw failure;
}
