import { Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';

/** What the service keeps in DATA_DIR, relative to it: the SQLite file and its journals, the PKI folder, secrets. */
const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal'];
const OWNED_FOLDERS = ['pki'];
const OWNED_FILES = ['audit-hmac-key'];

const logger = new Logger('DataDir');

function tighten(target: string, want: number): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return; // not there (yet)
  }
  if (stat.isSymbolicLink() || (stat.mode & 0o777) === want) return;
  try {
    fs.chmodSync(target, want);
  } catch (err) {
    // e.g. a volume the service does not own: say so, and go on
    logger.warn(
      { path: target, mode: (stat.mode & 0o777).toString(8), err: (err as NodeJS.ErrnoException).code },
      'cannot restrict the mode of a data file to its owner',
    );
  }
}

/**
 * DATA_DIR holds the database (with the encrypted CA key and every personal record), the PKI folder and the
 * generated secrets: it is the service account's alone. Creates the folder 0700 and the SQLite file 0600 before
 * SQLite opens it (SQLite gives its -wal and -shm files the database file's mode), and on every start brings an
 * existing installation (folder 0755, files 0644 from earlier versions) to 0700/0600. Only the entries the
 * service owns are touched, never the rest of the folder (DATA_DIR=. must not chmod a checkout).
 */
export function prepareDataDir(config: AppConfig): void {
  const dir = config.dataDir;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
  if (config.database.kind === 'sqlite') {
    const file = config.database.file;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    for (const suffix of SQLITE_SUFFIXES) tighten(file + suffix, 0o600);
  }
  for (const name of OWNED_FILES) tighten(path.join(dir, name), 0o600);
  for (const name of OWNED_FOLDERS) {
    const folder = path.join(dir, name);
    tighten(folder, 0o700);
    if (!fs.existsSync(folder) || fs.lstatSync(folder).isSymbolicLink()) continue;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isFile()) tighten(path.join(folder, entry.name), 0o600);
    }
  }
}
