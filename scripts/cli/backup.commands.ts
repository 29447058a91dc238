import { Command } from 'commander';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AUDIT_KEY_FILE } from '../../src/audit/audit-key';
import { loadConfig } from '../../src/config/app-config';
import { print, withContext } from './context';

interface Manifest {
  createdAt: string;
  database: string;
  files: { path: string; sha256: string; bytes: number }[];
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function walk(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

/**
 * Backup of the embedded deployment: a consistent SQLite snapshot (`VACUUM INTO`, safe while the service runs)
 * plus the PKI folder (and the generated audit chain key), with a manifest of SHA-256 sums. PostgreSQL deployments use pg_dump for the database;
 * the PKI folder is still copied (the CA is also kept in the database).
 */
export function backupCommands(program: Command): void {
  program
    .command('backup <folder>')
    .description('snapshot the SQLite database and the PKI folder into <folder> (must not exist)')
    .action(async (folder: string) => {
      const target = path.resolve(folder);
      if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new folder`);
      fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      await withContext(async (ctx, config) => {
        const files: Manifest['files'] = [];
        if (config.database.kind === 'sqlite') {
          const snapshot = path.join(target, 'service.sqlite');
          await ctx.get(DataSource).query(`VACUUM INTO '${snapshot.replace(/'/g, "''")}'`);
          fs.chmodSync(snapshot, 0o600);
          files.push({ path: 'service.sqlite', sha256: sha256(snapshot), bytes: fs.statSync(snapshot).size });
        } else {
          print('PostgreSQL: back the database up with pg_dump; copying the PKI folder only.');
        }
        const pkiDir = path.join(config.dataDir, 'pki');
        for (const rel of walk(pkiDir)) {
          const from = path.join(pkiDir, rel);
          const to = path.join(target, 'pki', rel);
          fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
          fs.copyFileSync(from, to);
          fs.chmodSync(to, fs.statSync(from).mode & 0o777);
          files.push({ path: path.join('pki', rel), sha256: sha256(to), bytes: fs.statSync(to).size });
        }
        // the generated audit chain key (when AUDIT_HMAC_KEY is not set): without it the restored log cannot be verified
        const auditKey = path.join(config.dataDir, AUDIT_KEY_FILE);
        if (fs.existsSync(auditKey)) {
          const to = path.join(target, AUDIT_KEY_FILE);
          fs.copyFileSync(auditKey, to);
          fs.chmodSync(to, 0o600);
          files.push({ path: AUDIT_KEY_FILE, sha256: sha256(to), bytes: fs.statSync(to).size });
        }
        const manifest: Manifest = { createdAt: new Date().toISOString(), database: config.database.kind, files };
        fs.writeFileSync(path.join(target, 'manifest.json'), JSON.stringify(manifest, null, 2));
        print(`Backup written to ${target}: ${files.length} files.`);
      });
    });

  program
    .command('restore <folder>')
    .description('restore a backup into DATA_DIR (stop the service first); checks every SHA-256 before writing')
    .option('--force', 'overwrite an existing database and PKI folder')
    .action(async (folder: string, opts: { force?: boolean }) => {
      const source = path.resolve(folder);
      const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8')) as Manifest;
      for (const f of manifest.files) {
        const actual = sha256(path.join(source, f.path));
        if (actual !== f.sha256) throw new Error(`backup file ${f.path} is corrupt (sha256 mismatch); nothing restored`);
      }
      const config = loadConfig();
      const dbFile = config.database.kind === 'sqlite' ? config.database.file : null;
      const pkiDir = path.join(config.dataDir, 'pki');
      if (!opts.force && ((dbFile && fs.existsSync(dbFile)) || fs.existsSync(pkiDir))) {
        throw new Error(`DATA_DIR ${config.dataDir} already holds data; stop the service and pass --force to overwrite`);
      }
      fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      for (const f of manifest.files) {
        const to = f.path === 'service.sqlite' && dbFile ? dbFile : path.join(config.dataDir, f.path);
        if (f.path === 'service.sqlite' && !dbFile) continue;
        fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
        fs.copyFileSync(path.join(source, f.path), to);
        fs.chmodSync(to, 0o600);
      }
      if (dbFile) for (const suffix of ['-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true });
      print(`Restored ${manifest.files.length} files from a backup of ${manifest.createdAt} into ${config.dataDir}.`);
    });
}
