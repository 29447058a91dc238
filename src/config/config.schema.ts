import { z } from 'zod';

/**
 * Every environment variable the service reads, described once. `secret: true` variables are never logged
 * and never echoed in error messages (only their name is).
 */
export interface VariableDoc {
  description: string;
  secret?: boolean;
}

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z
    .string()
    .min(1)
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL with scheme ${protocols.join(' or ')}`,
    );

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  CONFIG_DIR: z.string().min(1).default('./config'),
  TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Rome')
    .default('Europe/Rome'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  // the migrations hold one connection for their advisory lock while they run on another: one alone hangs the start
  DATABASE_POOL_SIZE: positiveInt.min(2, 'must be at least 2 (the migration lock holds one connection)').default(10),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('rw'),
  RUN_WORKERS: bool.default(true),
  JOB_CONCURRENCY: positiveInt.default(4),
  JOB_ATTEMPTS: positiveInt.default(5),
  JOB_BACKOFF_MS: positiveInt.default(1000),
  OUTBOX_POLL_MS: positiveInt.default(1000),
  JOB_LEASE_MS: z.coerce.number().int().min(3000).default(60_000),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(15000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i)
    .default('1mb'),
  IMPORT_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i)
    .default('25mb'),
  TRUST_PROXY: bool.default(false),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt.default(120_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt.default(5_000),
  SESSION_COOKIE_SECURE: bool.optional(),
  BOOTSTRAP_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  SESSION_TOKEN_TTL_MINUTES: positiveInt.default(480),
  CA_PASSPHRASE: z.string().min(12, 'must be at least 12 characters').optional(),
  AUDIT_HMAC_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  CA_KEY_SIZE: z.enum(['2048', '3072', '4096']).transform(Number).optional(),
  PUBLIC_BASE_URL: url(['http:', 'https:']).optional(),
  CERT_VALIDITY_DAYS: z.coerce.number().int().min(1).max(825).default(365),
  CRL_NEXT_UPDATE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  LDAP_URL: url(['ldap:', 'ldaps:']).optional(),
  LDAP_BIND_DN: z.string().min(1).optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  LDAP_BASE_DN: z.string().min(1).optional(),
  LDAP_TLS_CA_FILE: z.string().min(1).optional(),
  LDAP_STARTTLS: bool.default(false),
  LDAP_ALLOW_PLAIN_BIND: bool.default(false),
  MUNICIPALITY_NAME: z.string().min(1).max(200).default('Comune'),
  ASSET_TAG_PREFIX: z
    .string()
    .regex(/^[A-Z0-9]{1,10}$/, 'must be 1-10 upper-case letters or digits')
    .default('INV'),
  RETURN_TASK_DUE_DAYS: positiveInt.default(15),
  LDAP_CONFIG_FILE: z.string().min(1).optional(),
  DIRECTORY_MAX_DEACTIVATION_SHARE: z.coerce.number().min(0).max(1).optional(),
  VPN_CONFIG_FILE: z.string().min(1).optional(),
  VPN_MANAGER_APPROVAL: bool.default(false),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  SMTP_FROM: z.string().min(3).max(200).default('Sistema Informativo <noreply@localhost>'),
  NOTICES_HOTLINE_EMAIL: z.string().email().optional(),
  NOTICES_HR_EMAIL: z.string().email().optional(),
  NOTICES_TECHNICIANS_EMAIL: z.string().email().optional(),
  NOTICES_ADMINS_EMAIL: z.string().email().optional(),
});

export type Env = z.infer<typeof envSchema>;

export const variableDocs: Record<keyof Env, VariableDoc> = {
  NODE_ENV: { description: 'development (default), production or test; production requires CA_PASSPHRASE and AUDIT_HMAC_KEY' },
  HOST: { description: 'interface to listen on (default 0.0.0.0)' },
  PORT: { description: 'HTTP port (default 3000)' },
  DATA_DIR: { description: 'folder for the SQLite file, the PKI material and generated secrets (default ./data)' },
  CONFIG_DIR: { description: 'folder with the editable configuration files (default ./config)' },
  TIMEZONE: { description: 'time zone that decides what "today" is for agreements and indicators (default Europe/Rome)' },
  DATABASE_URL: { description: 'postgres://… switches from the embedded SQLite to PostgreSQL', secret: true },
  DATABASE_POOL_SIZE: { description: 'PostgreSQL connection pool size (default 10, at least 2)' },
  REDIS_URL: { description: 'redis://… switches jobs from the in-process driver to BullMQ', secret: true },
  QUEUE_PREFIX: { description: 'BullMQ key prefix, to share one Redis between deployments (default rw)' },
  RUN_WORKERS: { description: 'run job workers, the outbox relay and schedules in this process (default true)' },
  JOB_CONCURRENCY: { description: 'jobs run at once per process (default 4)' },
  JOB_ATTEMPTS: { description: 'attempts before a job is kept as failed (default 5)' },
  JOB_BACKOFF_MS: { description: 'first retry delay; doubles at each attempt (default 1000)' },
  OUTBOX_POLL_MS: { description: 'how often the outbox relay looks for unsent work (default 1000)' },
  JOB_LEASE_MS: {
    description:
      'in-process driver: how long a running job is leased to its process (renewed every third of it); the jobs of a process that died are taken over after it (default 60000)',
  },
  SHUTDOWN_TIMEOUT_MS: { description: 'how long shutdown waits for in-flight jobs (default 15000)' },
  LOG_LEVEL: { description: 'fatal, error, warn, info (default), debug, trace or silent' },
  LOG_FORMAT: { description: 'auto (default: readable lines when stdout is a terminal, JSON otherwise), json or pretty' },
  BODY_LIMIT: { description: 'largest JSON body accepted (default 1mb)' },
  IMPORT_BODY_LIMIT: { description: 'largest CSV/TSV upload accepted (default 25mb)' },
  TRUST_PROXY: { description: 'trust X-Forwarded-* from a reverse proxy (default false)' },
  HTTP_HEADERS_TIMEOUT_MS: {
    description: 'a client must send the request line and headers within this time, or the connection is closed with 408 (default 20000)',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    description:
      'a client must send the whole request, body included, within this time (default 120000: a 25 MB import over a slow link); at least HTTP_HEADERS_TIMEOUT_MS',
  },
  HTTP_KEEP_ALIVE_TIMEOUT_MS: {
    description: "an idle keep-alive connection is closed after this time (default 5000; keep it above a reverse proxy's idle timeout)",
  },
  SESSION_COOKIE_SECURE: {
    description:
      'mark the session cookie Secure (sent over https only); default true when PUBLIC_BASE_URL is https://, else only for requests that arrived over https',
  },
  BOOTSTRAP_ADMIN_TOKEN: { description: 'when set and no admin token exists, an admin token with this value is created', secret: true },
  SESSION_TOKEN_TTL_MINUTES: { description: 'lifetime of tokens issued by directory login (default 480)' },
  CA_PASSPHRASE: { description: 'passphrase of the CA private key; required in production', secret: true },
  AUDIT_HMAC_KEY: {
    description:
      'key of the audit chain (HMAC-SHA256), at least 32 characters, the same on every instance; required in production, otherwise generated into DATA_DIR/audit-hmac-key',
    secret: true,
  },
  CA_KEY_SIZE: { description: 'RSA size of a CA created on first start (overrides config/pki.json; 2048, 3072 or 4096)' },
  PUBLIC_BASE_URL: {
    description:
      'base URL gateways and clients reach the service at, written into certificates (CRL distribution point, OCSP); default http://localhost:PORT. https:// means the service is served over TLS (a reverse proxy): pages then get HSTS and the CSP upgrade-insecure-requests, and the session cookie is Secure',
  },
  CERT_VALIDITY_DAYS: { description: 'validity of station certificates in days (default 365)' },
  CRL_NEXT_UPDATE_DAYS: { description: "days between a CRL's thisUpdate and nextUpdate (default 7); it is refreshed well before" },
  LDAP_URL: { description: 'ldap://… or ldaps://… switches on the directory (sync and login)' },
  LDAP_BIND_DN: { description: 'DN of the service account used for sync and group writes' },
  LDAP_BIND_PASSWORD: { description: 'password of LDAP_BIND_DN', secret: true },
  LDAP_BASE_DN: { description: 'base DN for user searches' },
  LDAP_TLS_CA_FILE: { description: "PEM file of the CA(s) that signed the directory's certificate (ldaps:// and StartTLS); default: the system CAs" },
  LDAP_STARTTLS: { description: 'true: upgrade an ldap:// connection with StartTLS before any bind (the certificate is verified)' },
  LDAP_ALLOW_PLAIN_BIND: {
    description: 'true: allow simple binds (passwords) over plain ldap:// without StartTLS; refused at start-up otherwise (default false)',
  },
  MUNICIPALITY_NAME: { description: 'the organisation named on receipts, e.g. "Comune di Prato" (default Comune)' },
  ASSET_TAG_PREFIX: { description: 'prefix of generated asset tags, e.g. INV → INV-0000001 (default INV)' },
  RETURN_TASK_DUE_DAYS: { description: 'days after offboarding takes effect within which devices must be returned (default 15)' },
  LDAP_CONFIG_FILE: { description: 'directory mapping file (default <CONFIG_DIR>/directory.json): preset, filter, attributes, groups, roles' },
  DIRECTORY_MAX_DEACTIVATION_SHARE: {
    description: 'share (0-1) of active directory employees one sync may deactivate before it refuses to change anything (default 0.05, or the file)',
  },
  VPN_CONFIG_FILE: { description: 'VPN profiles, gateways to seed, OpenVPN client template, renewal and load settings (default <CONFIG_DIR>/vpn.json)' },
  VPN_MANAGER_APPROVAL: {
    description:
      "true: a requested VPN account needs the approval of the manager of the employee's service (POST /api/v1/vpn/accounts/:id/manager-approval, their own login) before the hot-line may approve it (default false)",
  },
  SMTP_URL: {
    description: 'smtp://[user:password@]host:port or smtps://… switches on e-mail notices (sent from the outbox); unset: no notice is recorded at all',
    secret: true,
  },
  SMTP_FROM: { description: 'sender of e-mail notices (default "Sistema Informativo <noreply@localhost>")' },
  NOTICES_HOTLINE_EMAIL: { description: 'address of the hot-line queue (agreement signed, certificate expiring)' },
  NOTICES_HR_EMAIL: { description: 'address of the personnel office (safety notice due)' },
  NOTICES_TECHNICIANS_EMAIL: { description: 'address of the technicians (return task opened or overdue)' },
  NOTICES_ADMINS_EMAIL: { description: 'address of the administrators (CRL publication failing)' },
};

export const secretVariables = (Object.keys(variableDocs) as (keyof Env)[]).filter((k) => variableDocs[k].secret);
