import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from '../config/app-config';

export const AUDIT_KEY_FILE = 'audit-hmac-key';

/** The chain key is missing or unusable: start-up stops. */
export class AuditKeyError extends Error {}

/**
 * The key of the audit chain (HMAC-SHA256), kept outside the database: AUDIT_HMAC_KEY (required in production,
 * the same value on every instance of one database), or outside production a random key generated once into
 * DATA_DIR/audit-hmac-key (0600), as the CA passphrase is, so that a first start just works. Changing the key
 * later makes every event written under the old one fail verification: keep it with the CA passphrase.
 */
@Injectable()
export class AuditKey {
  private readonly logger = new Logger('Audit');
  private key: Buffer | null = null;

  constructor(private readonly config: AppConfig) {}

  get(): Buffer {
    this.key ??= this.resolve();
    return this.key;
  }

  private resolve(): Buffer {
    const fromEnv = this.config.env.AUDIT_HMAC_KEY;
    if (fromEnv) return Buffer.from(fromEnv, 'utf8');
    if (this.config.isProduction) throw new AuditKeyError('AUDIT_HMAC_KEY is required when NODE_ENV=production');
    const file = path.join(this.config.dataDir, AUDIT_KEY_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(this.config.dataDir, { recursive: true, mode: 0o700 });
      try {
        fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
        this.logger.warn({ file }, 'AUDIT_HMAC_KEY is not set: generated the audit chain key into this file; set AUDIT_HMAC_KEY before production use');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first: use theirs
      }
    }
    const value = fs.readFileSync(file, 'utf8').trim();
    if (value.length < 32) throw new AuditKeyError(`The audit chain key in ${file} is shorter than 32 characters`);
    return Buffer.from(value, 'utf8');
  }
}
