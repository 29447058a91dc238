import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Attribute, Change, Client, Control } from 'ldapts';
import { guidToString } from '../../src/directory/domain/directory-entry';

/**
 * The Samba AD DC of the test run (scripts/test/samba.js, started by run-tests.js; TEST_AD_* in the environment).
 * One DC serves every spec of the run, two at a time, twice (SQLite and PostgreSQL passes): each spec works in an
 * OU of its own (OU=t<pid><random>,<base DN>, with OU=People and OU=Groups) made in beforeAll and removed with its
 * whole sub-tree in afterAll. sAMAccountName is unique in the whole domain, so names carry the sandbox tag too.
 * Passwords are set only for the people a test binds as (hashing costs ~20 ms a user); they travel as unicodePwd
 * over LDAPS, the only way AD accepts them.
 */
export interface AdTestEnv {
  url: string;
  ldapsUrl: string;
  baseDn: string;
  realm: string;
  domain: string;
  adminDn: string;
  adminPassword: string;
  caFile: string;
}

export function adTestEnv(): AdTestEnv | null {
  const e = process.env;
  const keys = [
    'TEST_AD_URL',
    'TEST_AD_LDAPS_URL',
    'TEST_AD_BASE_DN',
    'TEST_AD_REALM',
    'TEST_AD_DOMAIN',
    'TEST_AD_ADMIN_DN',
    'TEST_AD_ADMIN_PASSWORD',
    'TEST_AD_CA_FILE',
  ];
  if (!keys.every((k) => e[k])) return null;
  return {
    url: e.TEST_AD_URL!,
    ldapsUrl: e.TEST_AD_LDAPS_URL!,
    baseDn: e.TEST_AD_BASE_DN!,
    realm: e.TEST_AD_REALM!,
    domain: e.TEST_AD_DOMAIN!,
    adminDn: e.TEST_AD_ADMIN_DN!,
    adminPassword: e.TEST_AD_ADMIN_PASSWORD!,
    caFile: e.TEST_AD_CA_FILE!,
  };
}

/**
 * `describe` when the run has a DC. Without one: under CI=true a failing test (a missing DC must not pass for
 * green), otherwise a skipped block and one warning.
 */
export function describeWithAd(name: string, body: (env: AdTestEnv) => void): void {
  const env = adTestEnv();
  if (env) {
    describe(name, () => body(env));
    return;
  }
  const why = 'no Samba AD DC (TEST_AD_* unset): run the tests with "npm test" as root with the samba packages';
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the Samba AD DC', () => {
        throw new Error(`${why}; CI=true requires it`);
      });
    });
    return;
  }
  console.warn(`[skipped] ${name}: ${why}`);
  describe.skip(name, () => body({} as AdTestEnv));
}

export interface AdPerson {
  sam: string;
  givenName: string;
  sn: string;
  mail: string;
  employeeID: string;
  department: string;
  title?: string;
  /** Matched by the preset's manager rule ("dirigente"/"manager"). */
  employeeType?: string;
  businessCategory?: string;
  /** Set only for people a test binds as. */
  password?: string;
  /** userAccountControl 514 (ACCOUNTDISABLE | NORMAL_ACCOUNT) instead of 512. */
  disabled?: boolean;
}

export const AD_SERVICES = ['CP', 'PA', 'SD'] as const;
/** Meets AD's complexity rule (upper, lower, digit, symbol). */
export const AD_PASSWORD = 'Us3r!Passw0rd';

export function utf16Password(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** The default role groups of the activeDirectory preset (config/directory.json) and its VPN group. */
export const AD_PRESET_GROUPS = ['RW-Admins', 'RW-HR', 'RW-Technicians', 'RW-Hotline', 'RW-RTD', 'RW-Managers', 'VPN-Users'] as const;

export class AdSandbox {
  readonly ou: string;
  readonly peopleDn: string;
  readonly groupsDn: string;

  private constructor(
    readonly env: AdTestEnv,
    /** Short and unique in the domain: prefix of every sAMAccountName made here. */
    readonly tag: string,
  ) {
    this.ou = `OU=${tag},${env.baseDn}`;
    this.peopleDn = `OU=People,${this.ou}`;
    this.groupsDn = `OU=Groups,${this.ou}`;
  }

  /** The OU with People and Groups, and (unless `presetGroups: false`) the preset's role and VPN groups, empty. */
  static async create(options: { presetGroups?: boolean } = {}): Promise<AdSandbox> {
    const env = adTestEnv();
    if (!env) throw new Error('TEST_AD_* are not set (no Samba AD DC in this run)');
    const tag = `t${(process.pid % 1000).toString(36)}${randomBytes(3).toString('hex')}`;
    const s = new AdSandbox(env, tag);
    await s.admin(async (c) => {
      await c.add(s.ou, { objectClass: 'organizationalUnit' });
      await c.add(s.peopleDn, { objectClass: 'organizationalUnit' });
      await c.add(s.groupsDn, { objectClass: 'organizationalUnit' });
    });
    if (options.presetGroups !== false) for (const cn of AD_PRESET_GROUPS) await s.addGroup(cn);
    return s;
  }

  /** A client bound as the domain administrator over LDAPS with the DC's CA. */
  async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: this.env.ldapsUrl, timeout: 20_000, tlsOptions: { ca: [fs.readFileSync(this.env.caFile)] } });
    try {
      await client.bind(this.env.adminDn, this.env.adminPassword);
      return await work(client);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** `count` people (sAMAccountName <tag><prefix><n>), spread over the three services; person 3 is a manager. */
  people(count: number, prefix = 'u', options: { passwords?: boolean } = {}): AdPerson[] {
    return Array.from({ length: count }, (_, i) => {
      const sam = `${this.tag}${prefix}${i}`;
      return {
        sam,
        givenName: `Nome${i}`,
        sn: `Cognome${i}`,
        mail: `${sam}@comune.test`,
        employeeID: `M${sam.toUpperCase()}`,
        department: AD_SERVICES[i % AD_SERVICES.length],
        title: 'Istruttore Amministrativo',
        employeeType: i === 3 ? 'dirigente' : undefined,
        businessCategory: 'Ruolo',
        password: options.passwords ? AD_PASSWORD : undefined,
      };
    });
  }

  userDn(p: AdPerson | string): string {
    return `CN=${typeof p === 'string' ? p : p.sam},${this.peopleDn}`;
  }

  groupDn(cn: string): string {
    return `CN=${cn},${this.groupsDn}`;
  }

  upn(p: AdPerson | string): string {
    return `${typeof p === 'string' ? p : p.sam}@${this.env.realm.toLowerCase()}`;
  }

  async addPeople(people: AdPerson[]): Promise<void> {
    await this.admin(async (c) => {
      for (const p of people) {
        const a: Record<string, string | string[] | Buffer> = {
          objectClass: 'user',
          sAMAccountName: p.sam,
          userPrincipalName: this.upn(p),
          givenName: p.givenName,
          sn: p.sn,
          displayName: `${p.givenName} ${p.sn}`,
          mail: p.mail,
          employeeID: p.employeeID,
          department: p.department,
        };
        if (p.title) a.title = p.title;
        if (p.employeeType) a.employeeType = p.employeeType;
        if (p.businessCategory) a.businessCategory = p.businessCategory;
        if (p.password) a.unicodePwd = utf16Password(p.password);
        // Without a password AD keeps a new user disabled (514); with one it may be enabled (512).
        a.userAccountControl = p.disabled || !p.password ? '514' : '512';
        await c.add(this.userDn(p), a as never);
        // An enabled person without a password: allowed with PASSWD_NOTREQD (544 = 512 | 32).
        if (!p.password && !p.disabled) await c.modify(this.userDn(p), replace('userAccountControl', '544'));
      }
    });
  }

  async setPassword(sam: string, password: string): Promise<void> {
    await this.admin((c) =>
      c.modify(this.userDn(sam), new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [utf16Password(password)] }) })),
    );
  }

  async replace(sam: string, attribute: string, values: string[]): Promise<void> {
    await this.admin((c) => c.modify(this.userDn(sam), new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) })));
  }

  /** userAccountControl with ACCOUNTDISABLE (bit 2): 514 (or 546 without a password requirement). */
  async disable(sam: string): Promise<void> {
    await this.admin(async (c) => {
      const r = await c.search(this.userDn(sam), { scope: 'base', attributes: ['userAccountControl'] });
      const uac = Number(r.searchEntries[0].userAccountControl);
      await c.modify(this.userDn(sam), replace('userAccountControl', String(uac | 2)));
    });
  }

  async enable(sam: string): Promise<void> {
    await this.admin(async (c) => {
      const r = await c.search(this.userDn(sam), { scope: 'base', attributes: ['userAccountControl'] });
      const uac = Number(r.searchEntries[0].userAccountControl);
      await c.modify(this.userDn(sam), replace('userAccountControl', String(uac & ~2)));
    });
  }

  /** Locks the account now (lockoutTime = now as FILETIME): binds answer `data 775`. */
  async lock(sam: string): Promise<void> {
    const filetime = (BigInt(Date.now()) + 11_644_473_600_000n) * 10_000n;
    await this.replace(sam, 'lockoutTime', [filetime.toString()]);
  }

  /** pwdLastSet = 0: the password must be changed at next logon (`data 773`). */
  async mustChangePassword(sam: string): Promise<void> {
    await this.replace(sam, 'pwdLastSet', ['0']);
  }

  async deletePerson(sam: string): Promise<void> {
    await this.admin((c) => c.del(this.userDn(sam)));
  }

  /** A global security group (the default groupType) in OU=Groups, with members (DNs). */
  async addGroup(cn: string, members: string[] = []): Promise<string> {
    const dn = this.groupDn(cn);
    await this.admin(async (c) => {
      const attributes: Record<string, string | string[]> = { objectClass: 'group', sAMAccountName: `${this.tag}-${cn}` };
      if (members.length) attributes.member = members;
      await c.add(dn, attributes);
    });
    return dn;
  }

  async addMembers(groupCn: string, members: string[]): Promise<void> {
    await this.admin((c) =>
      c.modify(this.groupDn(groupCn), new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: members }) })),
    );
  }

  async removeMembers(groupCn: string, members: string[]): Promise<void> {
    await this.admin((c) =>
      c.modify(this.groupDn(groupCn), new Change({ operation: 'delete', modification: new Attribute({ type: 'member', values: members }) })),
    );
  }

  /** The direct members (DNs) as the DC stores them. */
  async groupMembers(groupCn: string): Promise<string[]> {
    const r = await this.admin((c) => c.search(this.groupDn(groupCn), { scope: 'base', attributes: ['member'] }));
    const m = r.searchEntries[0]?.member ?? [];
    return (Array.isArray(m) ? m : [m]).map(String);
  }

  /** objectGUID as the service stores it (AD's string form, lower case). */
  async guid(sam: string): Promise<string> {
    const r = await this.admin((c) => c.search(this.userDn(sam), { scope: 'base', attributes: ['objectGUID'], explicitBufferAttributes: ['objectGUID'] }));
    return guidToString(r.searchEntries[0].objectGUID as Buffer);
  }

  /**
   * The environment of a service pointed at this OU with the activeDirectory preset plus `overrides`. `transport`:
   * `ldaps` (default, CA verified), `starttls` (ldap:// then StartTLS, CA verified) or `plain` (ldap:// with
   * LDAP_ALLOW_PLAIN_BIND=true).
   */
  serviceEnv(overrides: Record<string, unknown> = {}, transport: 'ldaps' | 'starttls' | 'plain' = 'ldaps'): Record<string, string> {
    const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../config/directory.json'), 'utf8'));
    const file = path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), 'rw-ad-')), 'directory.json');
    fs.writeFileSync(file, JSON.stringify({ ...source, preset: 'activeDirectory', overrides }, null, 2));
    const env: Record<string, string> = {
      LDAP_URL: transport === 'ldaps' ? this.env.ldapsUrl : this.env.url,
      LDAP_BIND_DN: this.env.adminDn,
      LDAP_BIND_PASSWORD: this.env.adminPassword,
      LDAP_BASE_DN: this.ou,
      LDAP_CONFIG_FILE: file,
      LDAP_TLS_CA_FILE: this.env.caFile,
      LDAP_AD_DOMAIN: this.env.domain,
      LDAP_AD_REALM: this.env.realm,
    };
    if (transport === 'starttls') env.LDAP_STARTTLS = 'true';
    if (transport === 'plain') env.LDAP_ALLOW_PLAIN_BIND = 'true';
    return env;
  }

  /** Removes the OU and everything under it (tree delete control, 1.2.840.113556.1.4.805). */
  async destroy(): Promise<void> {
    await this.admin((c) => c.del(this.ou, new Control('1.2.840.113556.1.4.805'))).catch(async () => {
      await this.admin(async (c) => {
        const r = await c.search(this.ou, { scope: 'sub', attributes: ['1.1'] });
        const dns = r.searchEntries.map((e) => e.dn).sort((a, b) => b.split(',').length - a.split(',').length);
        for (const dn of dns) await c.del(dn).catch(() => undefined);
      });
    });
  }
}

function replace(type: string, value: string): Change {
  return new Change({ operation: 'replace', modification: new Attribute({ type, values: [value] }) });
}
