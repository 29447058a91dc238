import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts on embedded defaults with an empty environment', () => {
    const config = loadConfig({});
    expect(config.env.PORT).toBe(3000);
    expect(config.database.kind).toBe('sqlite');
    expect(config.queue.kind).toBe('in-process');
    expect(config.env.TIMEZONE).toBe('Europe/Rome');
  });

  it('switches to PostgreSQL and BullMQ when their URLs are set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.database.kind).toBe('postgres');
    expect(config.queue.kind).toBe('bullmq');
  });

  it('refuses a PostgreSQL pool of one connection, on which the start would hang (the migration lock holds it)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE.*at least 2/s);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db', DATABASE_POOL_SIZE: '2' }).database).toMatchObject({ poolSize: 2 });
  });

  it('names the variable of a bad value and stops', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    try {
      loadConfig({ PORT: '99999', TIMEZONE: 'Mars/Olympus' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['PORT', 'TIMEZONE']);
    }
  });

  it('never puts a secret value in its error or its description', () => {
    const secret = 'postgres-password-that-must-not-leak';
    expect(() => loadConfig({ DATABASE_URL: `mysql://u:${secret}@h/db` })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: `mysql://u:${secret}@h/db` });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(secret);
    }
    const config = loadConfig({ CA_PASSPHRASE: 'a-very-long-passphrase', BOOTSTRAP_ADMIN_TOKEN: 'x'.repeat(30) });
    const text = JSON.stringify(config.describe());
    expect(text).not.toContain('a-very-long-passphrase');
    expect(text).not.toContain('x'.repeat(30));
    expect(config.describe().CA_PASSPHRASE).toBe('[set]');
  });

  it('requires the CA passphrase in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/CA_PASSPHRASE/);
  });

  it('requires the audit chain key in production, and treats it as a secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CA_PASSPHRASE: 'a-long-enough-passphrase' })).toThrow(/AUDIT_HMAC_KEY is required/);
    expect(() => loadConfig({ AUDIT_HMAC_KEY: 'too-short' })).toThrow(/AUDIT_HMAC_KEY must be at least 32 characters/);
    const config = loadConfig({ NODE_ENV: 'production', CA_PASSPHRASE: 'a-long-enough-passphrase', AUDIT_HMAC_KEY: 'k'.repeat(40) });
    expect(config.describe().AUDIT_HMAC_KEY).toBe('[set]');
  });

  it('bounds slow clients by default, and refuses a headers timeout longer than the request timeout', () => {
    const env = loadConfig({}).env;
    expect([env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS, env.HTTP_KEEP_ALIVE_TIMEOUT_MS]).toEqual([20_000, 120_000, 5_000]);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS must not be longer/);
  });

  it('knows it is served over https only from an https PUBLIC_BASE_URL', () => {
    expect(loadConfig({}).servedOverHttps).toBe(false);
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://10.1.2.3:3000' }).servedOverHttps).toBe(false);
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://lavoroagile.comune.example.it' }).servedOverHttps).toBe(true);
  });
});
