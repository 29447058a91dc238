import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config/app-config';
import { envSchema } from '../../src/config/config.schema';

/** docker-compose.yml is for users: every variable it gives the service must be one the service reads. */
const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, { image?: string; build?: unknown; environment?: Record<string, string>; ports?: string[] }>;
};

describe('docker-compose.yml', () => {
  const app = compose.services.app;

  it('gives the service only variables of the configuration schema', () => {
    const known = Object.keys(envSchema.shape);
    const unknown = Object.keys(app.environment ?? {}).filter((name) => !known.includes(name));
    expect(unknown).toEqual([]);
  });

  it('gives the service values the schema accepts, interpolated as compose does', () => {
    // ${VAR:-default} takes its default, ${VAR:?message} stands for a value the user must give.
    const interpolate = (v: string) => v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{[A-Z_]+:\?[^}]*\}/g, 'a-value-the-user-gives-0123456789');
    const env = Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    // What the service does at start: a bad value throws naming the variable.
    expect(() => loadConfig(env)).not.toThrow();
    expect(loadConfig(env).env.LDAP_URL).toBe('ldap://openldap:389');
  });

  it('points LDAP_URL at a port the directory service listens on', () => {
    const ldap = new URL(app.environment!.LDAP_URL);
    const service = compose.services[ldap.hostname];
    expect(service).toBeDefined();
    // Our directory image is built from Debian's slapd in this repository and listens on 389.
    expect(service.build).toBeDefined();
    expect(ldap.port || '389').toBe('389');
  });

  it('uses no image that left the public registry (bitnami)', () => {
    for (const s of Object.values(compose.services)) expect(s.image ?? '').not.toMatch(/^bitnami\//);
  });
});
