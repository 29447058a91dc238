import * as path from 'node:path';
import { Env, envSchema, secretVariables } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** The typed configuration, validated once at boot. Inject `AppConfig` wherever a setting is needed. */
export class AppConfig {
  readonly env: Env;
  readonly dataDir: string;
  readonly configDir: string;
  readonly database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  readonly queue: { kind: 'in-process' } | { kind: 'bullmq'; url: string; prefix: string };

  constructor(env: Env) {
    this.env = Object.freeze({ ...env });
    this.dataDir = path.resolve(env.DATA_DIR);
    this.configDir = path.resolve(env.CONFIG_DIR);
    this.database = env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: 'sqlite', file: path.join(this.dataDir, 'service.sqlite') };
    this.queue = env.REDIS_URL ? { kind: 'bullmq', url: env.REDIS_URL, prefix: env.QUEUE_PREFIX } : { kind: 'in-process' };
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /**
   * Whether people reach the service over TLS (a reverse proxy in front, PUBLIC_BASE_URL https://). Only then
   * may the pages ask the browser to upgrade requests to https (HSTS, CSP upgrade-insecure-requests): on a
   * plain-HTTP intranet address those would point every script and style at a port that speaks no TLS.
   */
  get servedOverHttps(): boolean {
    return this.env.PUBLIC_BASE_URL?.startsWith('https://') ?? false;
  }

  /** A description safe to log: secrets replaced by a marker saying only whether they are set. */
  describe(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.env)) {
      out[k] = (secretVariables as string[]).includes(k) ? (v === undefined ? undefined : '[set]') : v;
    }
    return out;
  }
}

/** Reads the environment once; an invalid value stops start-up naming the variable (never its value). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = source[key];
    raw[key] = value === '' ? undefined : value;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })));
  }
  const env = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (env.NODE_ENV === 'production' && !env.CA_PASSPHRASE) {
    problems.push({ variable: 'CA_PASSPHRASE', message: 'is required when NODE_ENV=production' });
  }
  if (env.NODE_ENV === 'production' && !env.AUDIT_HMAC_KEY) {
    problems.push({ variable: 'AUDIT_HMAC_KEY', message: 'is required when NODE_ENV=production' });
  }
  if (env.LDAP_URL && (!env.LDAP_BASE_DN || !env.LDAP_BIND_DN || !env.LDAP_BIND_PASSWORD)) {
    problems.push({ variable: 'LDAP_URL', message: 'needs LDAP_BASE_DN, LDAP_BIND_DN and LDAP_BIND_PASSWORD' });
  }
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    problems.push({ variable: 'HTTP_HEADERS_TIMEOUT_MS', message: 'must not be longer than HTTP_REQUEST_TIMEOUT_MS' });
  }
  if (problems.length) throw new ConfigError(problems);
  return new AppConfig(env);
}
