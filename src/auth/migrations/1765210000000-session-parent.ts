import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

const BY_PARENT = new TableIndex({ name: 'IDX_api_tokens_parent', columnNames: ['parent_token_id'] });

/**
 * Sessions record the token they were opened from (`parent_token_id`), so that revoking or expiring that token
 * ends them and revocation can close them all by one indexed update. Existing sessions opened from an API token
 * carry it in their subject (`token:<id>`): backfilled from there. Sessions opened from a directory login have
 * no parent row to point at and stay NULL; their subject (`employee:<id>`) is still checked on every request.
 */
export class AuthSessionParent1765210000000 implements MigrationInterface {
  name = 'AuthSessionParent1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('api_tokens', new TableColumn(col.ref('parent_token_id', { isNullable: true })));
    await q.query(`UPDATE api_tokens SET parent_token_id = substr(subject, 7) WHERE kind = 'session' AND subject LIKE 'token:%'`);
    await q.createIndex('api_tokens', BY_PARENT);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('api_tokens', BY_PARENT.name!);
    await q.dropColumn('api_tokens', 'parent_token_id');
  }
}
