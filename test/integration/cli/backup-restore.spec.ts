import { Command } from 'commander';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backupCommands } from '../../../scripts/cli/backup.commands';
import { auth, startTestApp } from '../../helpers/test-app';
import { createTestDatabase, testDbKind } from '../../helpers/test-db';

/** Runs one CLI command in this process with the given environment (as `npm run cli -- …` would). */
async function cli(env: Record<string, string>, ...args: string[]): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const program = new Command('rw').exitOverride();
    backupCommands(program);
    await program.parseAsync(['node', 'rw', ...args]);
  } finally {
    process.env = saved;
  }
}

(testDbKind() === 'sqlite' ? describe : describe.skip)('backup and restore of the embedded deployment', () => {
  const common = { CA_PASSPHRASE: 'test-ca-passphrase-not-secret', CA_KEY_SIZE: '2048', LOG_LEVEL: 'silent' };

  it('snapshots the database and the PKI folder while the service runs, and restores them into a new DATA_DIR', async () => {
    const db = await createTestDatabase('sqlite');
    // no AUDIT_HMAC_KEY: the chain key is generated into DATA_DIR and must travel with the backup
    const t = await startTestApp({ database: db, env: { AUDIT_HMAC_KEY: undefined } });
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw-backup-')), 'b1');
    const restoredDb = await createTestDatabase('sqlite');
    try {
      await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name: 'kept-in-backup', role: 'rtd' }).expect(201);
      const caPem = (await t.http().get('/pki/ca.pem').expect(200)).text;

      await cli({ ...common, DATA_DIR: db.dataDir }, 'backup', target);
      const manifest = JSON.parse(fs.readFileSync(path.join(target, 'manifest.json'), 'utf8'));
      expect(manifest.files.map((f: { path: string }) => f.path)).toContain('service.sqlite');
      expect(manifest.files.some((f: { path: string }) => f.path.startsWith('pki'))).toBe(true);
      expect(manifest.files.map((f: { path: string }) => f.path)).toContain('audit-hmac-key');
      expect(fs.statSync(path.join(target, 'audit-hmac-key')).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.join(target, 'service.sqlite')).mode & 0o777).toBe(0o600);
      // A second backup into the same folder is refused rather than mixed with the first.
      await expect(cli({ ...common, DATA_DIR: db.dataDir }, 'backup', target)).rejects.toThrow(/already exists/);

      await cli({ ...common, DATA_DIR: restoredDb.dataDir }, 'restore', target);
      const restored = await startTestApp({ database: restoredDb, env: { AUDIT_HMAC_KEY: undefined } });
      try {
        const tokens = await restored.http().get('/api/v1/tokens').set(auth(restored.adminToken)).expect(200);
        expect(tokens.body.map((x: { name: string }) => x.name)).toContain('kept-in-backup');
        expect((await restored.http().get('/pki/ca.pem').expect(200)).text).toBe(caPem);
        expect((await restored.http().get('/api/v1/audit/verify').set(auth(restored.adminToken)).expect(200)).body.ok).toBe(true);
      } finally {
        await restored.close();
      }
      // Restoring over existing data needs --force.
      await expect(cli({ ...common, DATA_DIR: restoredDb.dataDir }, 'restore', target)).rejects.toThrow(/--force/);
    } finally {
      await t.close();
      await db.drop();
      await restoredDb.drop();
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
    }
  });

  it('refuses a corrupt backup and restores nothing', async () => {
    const db = await createTestDatabase('sqlite');
    const t = await startTestApp({ database: db });
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rw-backup-')), 'b2');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-empty-'));
    try {
      await cli({ ...common, DATA_DIR: db.dataDir }, 'backup', target);
      fs.appendFileSync(path.join(target, 'service.sqlite'), 'tampered');
      await expect(cli({ ...common, DATA_DIR: empty }, 'restore', target)).rejects.toThrow(/corrupt/);
      expect(fs.readdirSync(empty)).toEqual([]);
    } finally {
      await t.close();
      await db.drop();
      fs.rmSync(path.dirname(target), { recursive: true, force: true });
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
