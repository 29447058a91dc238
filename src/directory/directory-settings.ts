import * as path from 'node:path';
import { AppConfig, ConfigError } from '../config/app-config';
import { readJsonConfigFile } from '../config/config-file';
import { DirectoryProfile, ProfileProblems, resolveProfile } from './domain/directory-profile';

export interface DirectoryConnection {
  url: string;
  bindDn: string;
  bindPassword: string;
  baseDn: string;
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
    const connection = { url: env.LDAP_URL, bindDn: env.LDAP_BIND_DN, bindPassword: env.LDAP_BIND_PASSWORD, baseDn: env.LDAP_BASE_DN };
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
