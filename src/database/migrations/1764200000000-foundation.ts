import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from './columns';

/** Tokens, the audit chain, the outbox and the durable in-process job table. */
export class Foundation1764200000000 implements MigrationInterface {
  name = 'Foundation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          col.id(),
          col.string('name', 120),
          col.string('role', 20),
          col.string('token_hash', 64, { isUnique: true }),
          col.string('kind', 10),
          col.string('subject', 200, { isNullable: true }),
          col.timestamp('created_at'),
          col.string('created_by', 200, { isNullable: true }),
          col.timestamp('expires_at', { isNullable: true }),
          col.timestamp('revoked_at', { isNullable: true }),
          col.timestamp('last_used_at', { isNullable: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          col.timestamp('occurred_at'),
          col.string('actor', 200),
          col.string('actor_role', 20),
          col.string('action', 80),
          col.string('entity_type', 60),
          col.string('entity_id', 200),
          col.text('summary'),
          col.string('prev_hash', 64),
          col.string('hash', 64),
        ],
        indices: [new TableIndex({ columnNames: ['entity_type', 'entity_id'] }), new TableIndex({ columnNames: ['action'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_head',
        columns: [{ name: 'id', type: 'integer', isPrimary: true }, { name: 'seq', type: 'integer' }, col.string('hash', 64)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          col.id(),
          col.string('job_name', 100),
          col.string('job_id', 200, { isUnique: true }),
          col.text('payload'),
          col.string('status', 12),
          { name: 'attempts', type: 'integer', default: 0 },
          col.timestamp('available_at'),
          col.timestamp('created_at'),
          col.timestamp('dispatched_at', { isNullable: true }),
          col.text('last_error', { isNullable: true }),
          col.string('lease_owner', 64, { isNullable: true }),
          col.timestamp('lease_until', { isNullable: true }),
        ],
        indices: [new TableIndex({ columnNames: ['status', 'available_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'local_jobs',
        columns: [
          col.id(),
          col.string('job_id', 200, { isUnique: true }),
          col.string('name', 100),
          col.text('payload'),
          col.string('status', 12),
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'max_attempts', type: 'integer' },
          { name: 'backoff_ms', type: 'integer' },
          col.timestamp('run_at'),
          col.timestamp('created_at'),
          col.timestamp('started_at', { isNullable: true }),
          col.timestamp('finished_at', { isNullable: true }),
          col.string('locked_by', 64, { isNullable: true }),
          col.timestamp('locked_until', { isNullable: true }),
          col.text('last_error', { isNullable: true }),
        ],
        indices: [new TableIndex({ columnNames: ['status', 'run_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['local_jobs', 'outbox', 'audit_head', 'audit_events', 'api_tokens']) {
      await q.dropTable(table);
    }
  }
}
