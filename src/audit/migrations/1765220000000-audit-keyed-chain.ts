import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The keyed audit chain (HMAC-SHA256 under a key outside the database). Events already written keep their plain
 * SHA-256 and are marked `sha256`; the service appends a keyed `audit.chain-keyed` event after them at its next
 * start (the key is not reachable from a migration), and from then on every event is `hmac-sha256`.
 *
 * On PostgreSQL the log also becomes append-only for everyone, the owner and superusers included: triggers refuse
 * UPDATE, DELETE and TRUNCATE on `audit_events`, and on `audit_head` everything but moving the head forward.
 * (Disabling the triggers takes `ALTER TABLE` or `session_replication_role`, i.e. the owner or a superuser; what
 * such a person rewrites, the HMAC shows.) SQLite has no roles: whoever can write the file can drop a trigger, so
 * there the key alone protects the log.
 */
export class AuditKeyedChain1765220000000 implements MigrationInterface {
  name = 'AuditKeyedChain1765220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events ADD COLUMN hash_alg varchar(16) NOT NULL DEFAULT 'sha256'`);
    if (q.connection.options.type !== 'postgres') return;
    await q.query(`
      CREATE FUNCTION rw_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
      END
      $$`);
    await q.query(`
      CREATE FUNCTION rw_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.id = OLD.id AND NEW.seq > OLD.seq THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_head only moves forward: % refused', TG_OP;
      END
      $$`);
    await q.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION rw_audit_events_append_only()`,
    );
    await q.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION rw_audit_events_append_only()`);
    await q.query(`CREATE TRIGGER audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION rw_audit_head_forward_only()`);
    await q.query(`CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION rw_audit_head_forward_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      for (const [trigger, table] of [
        ['audit_events_append_only', 'audit_events'],
        ['audit_events_no_truncate', 'audit_events'],
        ['audit_head_forward_only', 'audit_head'],
        ['audit_head_no_truncate', 'audit_head'],
      ]) {
        await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
      }
      await q.query('DROP FUNCTION IF EXISTS rw_audit_events_append_only()');
      await q.query('DROP FUNCTION IF EXISTS rw_audit_head_forward_only()');
    }
    await q.query('ALTER TABLE audit_events DROP COLUMN hash_alg');
  }
}
