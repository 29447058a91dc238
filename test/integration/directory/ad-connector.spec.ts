import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/app-config';
import { DomainError } from '../../../src/common/errors/domain-error';
import { DirectorySettings } from '../../../src/directory/directory-settings';
import { LdapEntry, guidToString } from '../../../src/directory/domain/directory-entry';
import { LdapConnector, inChain } from '../../../src/directory/ldap/ldap-connector';
import { readAllValues } from '../../../src/directory/ldap/range-retrieval';
import { AD_PASSWORD, AdSandbox, describeWithAd } from '../../helpers/samba-ad';

/**
 * The directory connector against the real Samba AD DC of the test run: LDAPS and StartTLS with the DC's CA
 * verified (another CA refused, no fall-back to clear text), plain ldap:// binds only when configured, AD's bind
 * refusals read from their `data` codes, nested groups with LDAP_MATCHING_RULE_IN_CHAIN, range retrieval asked
 * explicitly (Samba does not cut values by itself), referrals from the domain root left alone.
 */
describeWithAd('directory connector with a real Samba AD DC', (ad) => {
  let sandbox: AdSandbox;
  let tmp: string;
  let wrongCa: string;
  const connector = (env: Record<string, string>) =>
    new LdapConnector(DirectorySettings.fromConfig(loadConfig({ CONFIG_DIR: path.join(__dirname, '../../../config'), ...env })));
  let people: ReturnType<AdSandbox['people']>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(process.env.TEST_TMP ?? os.tmpdir(), 'rw-adc-'));
    // a CA that did not sign the DC's certificate
    wrongCa = path.join(tmp, 'wrong-ca.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Not the AD CA', '-keyout', path.join(tmp, 'k.pem'), '-out', wrongCa],
      {
        stdio: 'ignore',
      },
    );
    sandbox = await AdSandbox.create();
    people = sandbox.people(5, 'c');
    people[0].password = AD_PASSWORD;
    people[1].password = AD_PASSWORD;
    people[1].disabled = true;
    people[2].password = AD_PASSWORD;
    people[3].password = AD_PASSWORD;
    await sandbox.addPeople(people);
    await sandbox.lock(people[2].sam);
    await sandbox.mustChangePassword(people[3].sam);
    await sandbox.addGroup('Inner', [sandbox.userDn(people[0])]);
    await sandbox.addGroup('Middle', [sandbox.groupDn('Inner')]);
    await sandbox.addMembers('RW-HR', [sandbox.groupDn('Middle')]);
    await sandbox.addGroup(
      'Big',
      people.map((p) => sandbox.userDn(p)),
    );
  });

  afterAll(async () => {
    await sandbox?.destroy();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('binds over LDAPS with the DC certificate verified against LDAP_TLS_CA_FILE', async () => {
    const c = connector(sandbox.serviceEnv());
    expect(await c.checkPassword(sandbox.userDn(people[0]), AD_PASSWORD)).toBe('ok');
    const n = await c.asService(async (client) => (await client.search(sandbox.peopleDn, { scope: 'one', attributes: ['1.1'] })).searchEntries.length);
    expect(n).toBe(5);
  });

  it('refuses the DC when its certificate is signed by another CA, over LDAPS and over StartTLS', async () => {
    for (const transport of ['ldaps', 'starttls'] as const) {
      const c = connector({ ...sandbox.serviceEnv({}, transport), LDAP_TLS_CA_FILE: wrongCa });
      const err = await c.asService(async () => 'bound').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'DIRECTORY_UNAVAILABLE' });
      // no user bind either: a user's password never reaches an unverified server
      await expect(c.checkPassword(sandbox.userDn(people[0]), AD_PASSWORD)).rejects.toMatchObject({ code: 'DIRECTORY_UNAVAILABLE' });
    }
  });

  it('upgrades ldap:// with StartTLS before binding, the CA verified', async () => {
    const env = sandbox.serviceEnv({}, 'starttls');
    expect(env.LDAP_URL).toMatch(/^ldap:\/\//);
    const c = connector(env);
    expect(await c.checkPassword(sandbox.upn(people[0]), AD_PASSWORD)).toBe('ok');
    expect(await c.asService(async () => 'bound')).toBe('bound');
  });

  it('refuses to start with plain ldap:// simple binds unless LDAP_ALLOW_PLAIN_BIND=true', async () => {
    const plain = sandbox.serviceEnv({}, 'plain');
    expect(() => connector({ ...plain, LDAP_ALLOW_PLAIN_BIND: 'false' })).toThrow(ConfigError);
    expect(() => connector({ ...plain, LDAP_ALLOW_PLAIN_BIND: 'false' })).toThrow(/passwords would cross the network in clear/);
    // explicitly allowed (the DC has "ldap server require strong auth = no" for this test)
    expect(await connector(plain).checkPassword(sandbox.userDn(people[0]), AD_PASSWORD)).toBe('ok');
  });

  it("reads AD's bind refusals: wrong password, disabled, locked, must change", async () => {
    const c = connector(sandbox.serviceEnv());
    expect(await c.checkPassword(sandbox.userDn(people[0]), 'Wr0ng!password')).toBe('invalid');
    expect(await c.checkPassword(sandbox.userDn(people[1]), AD_PASSWORD)).toBe('disabled');
    // disabled is told only to the right password
    expect(await c.checkPassword(sandbox.userDn(people[1]), 'Wr0ng!password')).toBe('invalid');
    expect(await c.checkPassword(sandbox.userDn(people[2]), AD_PASSWORD)).toBe('locked');
    expect(await c.checkPassword(sandbox.userDn(people[3]), AD_PASSWORD)).toBe('password_must_change');
    expect(await c.checkPassword(sandbox.userDn(people[3]), 'Wr0ng!password')).toBe('invalid');
    expect(await c.checkPassword(sandbox.userDn(people[0]), '')).toBe('invalid');
  });

  it('finds membership through nested groups with LDAP_MATCHING_RULE_IN_CHAIN, not a direct member', async () => {
    const c = connector(sandbox.serviceEnv());
    const member = (userDn: string, groupDn: string) =>
      c.asService(
        async (client) => (await client.search(userDn, { scope: 'base', filter: inChain('memberOf', groupDn), attributes: ['1.1'] })).searchEntries.length,
      );
    expect(await member(sandbox.userDn(people[0]), sandbox.groupDn('RW-HR'))).toBe(1);
    expect(await member(sandbox.userDn(people[4]), sandbox.groupDn('RW-HR'))).toBe(0);
    const direct = await c.asService(
      async (client) => (await client.search(sandbox.groupDn('RW-HR'), { scope: 'base', attributes: ['member'] })).searchEntries[0].member,
    );
    expect(direct).toBe(sandbox.groupDn('Middle'));
  });

  it('reads a group with member;range=… slices when the DC cuts them (asked in slices of 2 here)', async () => {
    const c = connector(sandbox.serviceEnv());
    const seen: string[] = [];
    const members = await c.asService((client) =>
      readAllValues(
        {
          search: (dn, options) => {
            seen.push(String(options?.attributes?.[0]));
            return client.search(dn, options);
          },
        },
        sandbox.groupDn('Big'),
        'member',
        { step: 2 },
      ),
    );
    expect(new Set(members.map((m) => m.toLowerCase()))).toEqual(new Set(people.map((p) => sandbox.userDn(p).toLowerCase())));
    expect(seen).toEqual(['member;range=0-1', 'member;range=2-3', 'member;range=4-5']);
    // without a step: one slice, 0-*
    expect(await c.asService((client) => readAllValues(client, sandbox.groupDn('Big'), 'member'))).toHaveLength(5);
  });

  it('pages a subtree search from the domain root and ignores the referrals it answers with', async () => {
    const c = connector({ ...sandbox.serviceEnv({ pageSize: 2, userBaseDn: ad.baseDn }) });
    const pages: LdapEntry[][] = [];
    await c.forEachPersonPage(
      ['objectGUID', 'sAMAccountName'],
      (page) => pages.push(page),
      `(&(objectCategory=person)(objectClass=user)(sAMAccountName=${sandbox.tag}c*))`,
    );
    const all = pages.flat();
    expect(all.map((e) => e.sAMAccountName).sort()).toEqual(people.map((p) => p.sam).sort());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(all.every((e) => Buffer.isBuffer(e.objectGUID) && e.objectGUID.length === 16)).toBe(true);
    expect(guidToString(all.find((e) => e.sAMAccountName === people[0].sam)!.objectGUID as Buffer)).toBe(await sandbox.guid(people[0].sam));
    // the same search without the connector: the DC does answer continuation references, which nothing follows
    const refs = await c.asService(
      async (client) => (await client.search(ad.baseDn, { scope: 'sub', filter: '(objectClass=domainDNS)', attributes: ['1.1'] })).searchReferences,
    );
    expect(refs.length).toBeGreaterThan(0);
  });
});
