import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config';
import { readJsonConfigFile } from '../config/config-file';
import { DirectoryProfile, ProfileProblems, resolveProfile } from './domain/directory-profile';
export { adNames } from './domain/directory-profile';

export interface DirectoryConnection {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
  /** ldap:// upgraded with StartTLS before any bind. */
  startTls: boolean;
  /** PEM of the CAs that verify the directory's certificate (LDAP_TLS_CA_FILE); null: Node's default CAs. */
  ca: string | null;
  /** Simple binds over plain ldap:// without StartTLS (LDAP_ALLOW_PLAIN_BIND): passwords cross the network in clear. */
  allowPlainBind: boolean;
}

/** Whether binds on this connection travel encrypted (ldaps:// or StartTLS). */
export function isEncrypted(connection: Pick<DirectoryConnection, 'url' | 'startTls'>): boolean {
  return connection.url.startsWith('ldaps:') || connection.startTls;
}

/**
 * The directory as configured: null connection when LDAP_URL is not set (sync answers
 * DIRECTORY_NOT_CONFIGURED, group writes are no-ops). Read once at start; a malformed file stops start-up
 * naming the file and the line or the setting.
 */
export class DirectorySettings {
  constructor(
    readonly connection: DirectoryConnection | null,
    readonly profile: DirectoryProfile | null,
    readonly file: string,
  ) {}

  get configured(): boolean {
    return this.connection !== null && this.profile !== null;
  }

  static fromConfig(config: AppConfig): DirectorySettings {
    const env = config.env;
    const file = env.LDAP_CONFIG_FILE ? path.resolve(env.LDAP_CONFIG_FILE) : path.join(config.configDir, 'directory.json');
    if (!env.LDAP_URL || !env.LDAP_BIND_DN || !env.LDAP_BIND_PASSWORD || !env.LDAP_BASE_DN) return new DirectorySettings(null, null, file);
    const connection: DirectoryConnection = {
      url: env.LDAP_URL,
      bindDn: env.LDAP_BIND_DN,
      bindPassword: env.LDAP_BIND_PASSWORD,
      baseDn: env.LDAP_BASE_DN,
      startTls: env.LDAP_STARTTLS,
      ca: env.LDAP_TLS_CA_FILE ? readCaFile(env.LDAP_TLS_CA_FILE) : null,
      allowPlainBind: env.LDAP_ALLOW_PLAIN_BIND,
    };
    checkTransport(connection);
    const profile = loadProfile(file, { baseDn: env.LDAP_BASE_DN });
    if (env.DIRECTORY_MAX_DEACTIVATION_SHARE !== undefined) profile.maxDeactivationShare = env.DIRECTORY_MAX_DEACTIVATION_SHARE;
    return new DirectorySettings(connection, profile, file);
  }
}

export function loadProfile(file: string, vars: Record<string, string>): DirectoryProfile {
  const variable = 'LDAP_CONFIG_FILE';
  const json = readJsonConfigFile(file, variable);
  try {
    return resolveProfile(json, vars);
  } catch (err) {
    if (!(err instanceof ProfileProblems)) throw err;
    throw new ConfigError(err.problems.map((p) => ({ variable, message: `${file}: ${p.path}: ${p.message}` })));
  }
}

/**
 * Passwords (the service account's and every user's at login) are sent by simple bind: over plain ldap:// they
 * would cross the network in clear, so that needs StartTLS, ldaps:// or an explicit LDAP_ALLOW_PLAIN_BIND=true
 * (a directory on the same host, the tests' slapd).
 */
function checkTransport(c: DirectoryConnection): void {
  if (c.url.startsWith('ldaps:') && c.startTls) {
    throw new ConfigError([{ variable: 'LDAP_STARTTLS', message: 'is for ldap:// URLs; ldaps:// is encrypted from the start' }]);
  }
  if (!isEncrypted(c) && !c.allowPlainBind) {
    throw new ConfigError([
      {
        variable: 'LDAP_URL',
        message:
          'is ldap:// without StartTLS: passwords would cross the network in clear (use ldaps://, set LDAP_STARTTLS=true, or LDAP_ALLOW_PLAIN_BIND=true)',
      },
    ]);
  }
}

function readCaFile(file: string): string {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ variable: 'LDAP_TLS_CA_FILE', message: `cannot be read: ${(err as Error).message}` }]);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError([{ variable: 'LDAP_TLS_CA_FILE', message: `${file} holds no PEM certificate` }]);
  return pem;
}
