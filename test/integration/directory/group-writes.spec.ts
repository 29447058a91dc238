import { Attribute, Change, Client } from 'ldapts';
import { DirectoryGroups } from '../../../src/directory';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { createEmployee } from '../../factories';
import { generatePeople, LdapSandbox, personDn } from '../../fixtures/ldap/directory-fixture';
import { AdSandbox, describeWithAd } from '../../helpers/samba-ad';

/**
 * VPN-group writes in batches, against the real directories: one modify carries every member; when the directory
 * refuses some values (OpenLDAP 20 / AD 68 already a member, AD 32 for an entry that does not exist, AD 53 / 16 not
 * a member) the batch is split so that the others still land, and each person gets their own result. The number of
 * modify requests is counted on the real client (a spy that passes every call through).
 */
interface Directory {
  app: TestApp;
  groupMembers(): Promise<string[]>;
  dns: string[];
  /** An employee the directory does not know: no DN and an unknown login (OpenLDAP), or a DN that names nothing (AD). */
  ghost: { directoryDn: string | null; username: string };
  /** AD: puts the entry in a group nested in the VPN group (membership through groups in groups). */
  nestInVpnGroup?(dn: string): Promise<void>;
}

function groupWriteTests(label: string, setup: () => Promise<Directory>, teardown: () => Promise<void>, options: { nested?: boolean } = {}): void {
  describe(label, () => {
    let d: Directory;
    let ids: string[];
    let ghostId: string;
    let modify: jest.SpyInstance;
    const same = (a: string[]) => new Set(a.map((x) => x.toLowerCase()));

    beforeAll(async () => {
      d = await setup();
      ids = [];
      for (const [n, dn] of d.dns.entries())
        ids.push((await createEmployee(d.app.dataSource, { username: `gw${process.pid}x${n}${label.length}`, directoryDn: dn })).id);
      ghostId = (await createEmployee(d.app.dataSource, { ...d.ghost })).id;
      modify = jest.spyOn(Client.prototype, 'modify');
    });

    afterAll(async () => {
      modify?.mockRestore();
      await d?.app.close();
      await teardown();
    });

    it('adds twenty in one modify', async () => {
      modify.mockClear();
      const r = await d.app.get(DirectoryGroups).addManyToVpnGroup(ids.slice(2, 22));
      expect(modify).toHaveBeenCalledTimes(1);
      expect([...r.values()].every((x) => x === 'added')).toBe(true);
      const members = same(await d.groupMembers());
      for (const dn of d.dns.slice(2, 22)) expect(members.has(dn.toLowerCase())).toBe(true);
    });

    it('adds a batch with one already a member and one missing person: the others land, each has its result', async () => {
      modify.mockClear();
      const batch = [ids[0], ids[1], ...ids.slice(22), ghostId];
      const r = await d.app.get(DirectoryGroups).addManyToVpnGroup(batch);
      expect(r.get(ids[1])).toBe('already_member');
      expect(r.get(ghostId)).toBe('not_in_directory');
      expect(r.get(ids[0])).toBe('added');
      for (const id of ids.slice(22)) expect(r.get(id)).toBe('added');
      // split in halves only around the refused values (at most 2 per refused value and level: 2 × 2 × 4 for 11)
      expect(modify.mock.calls.length).toBeGreaterThan(1);
      expect(modify.mock.calls.length).toBeLessThanOrEqual(16);
      const members = same(await d.groupMembers());
      for (const dn of d.dns) expect(members.has(dn.toLowerCase())).toBe(true);
    });

    it('is idempotent: the same batch again changes nothing and says so', async () => {
      const before = same(await d.groupMembers());
      const r = await d.app.get(DirectoryGroups).addManyToVpnGroup(ids);
      expect([...r.values()].every((x) => x === 'already_member')).toBe(true);
      expect(same(await d.groupMembers())).toEqual(before);
    });

    it('removes in one batch, a person who is not a member among them', async () => {
      await d.app.get(DirectoryGroups).removeManyFromVpnGroup([ids[5]]);
      modify.mockClear();
      const r = await d.app.get(DirectoryGroups).removeManyFromVpnGroup(ids.slice(2, 8));
      expect(r.get(ids[5])).toBe('not_member');
      for (const id of [ids[2], ids[3], ids[4], ids[6], ids[7]]) expect(r.get(id)).toBe('removed');
      expect(modify.mock.calls.length).toBeLessThanOrEqual(8);
      const members = same(await d.groupMembers());
      for (const dn of d.dns.slice(2, 8)) expect(members.has(dn.toLowerCase())).toBe(false);
      expect(members.has(d.dns[8].toLowerCase())).toBe(true);
      // the one-person path is the same write
      expect(await d.app.get(DirectoryGroups).addToVpnGroup(ids[2])).toBe('added');
    });

    if (options.nested)
      it('says who is still in the VPN group through a nested group after being removed (AD)', async () => {
        expect((await d.app.get(DirectoryGroups).removeManyFromVpnGroup([ids[12]])).get(ids[12])).toBe('removed');
        await d.nestInVpnGroup!(d.dns[10]);
        await d.nestInVpnGroup!(d.dns[12]);
        const r = await d.app.get(DirectoryGroups).removeManyFromVpnGroup([ids[10], ids[11], ids[12]]);
        // removed from the group itself, still in it through the nested one
        expect(r.get(ids[10])).toBe('member_through_group');
        expect(r.get(ids[11])).toBe('removed');
        // never a direct member: in it only through the nested group
        expect(r.get(ids[12])).toBe('member_through_group');
        const members = same(await d.groupMembers());
        expect(members.has(d.dns[10].toLowerCase())).toBe(false);
        expect(members.has(d.dns[11].toLowerCase())).toBe(false);
      });
  });
}

let ldap: LdapSandbox;
groupWriteTests(
  'VPN group writes on OpenLDAP',
  async () => {
    const people = generatePeople(30, 'gw');
    ldap = await LdapSandbox.create(people, { 'vpn-users': [] });
    await ldap.admin((c) => c.modify(ldap.groupDn('vpn-users'), [addMember(personDn(people[1], ldap.baseDn))]));
    const app = await startTestApp({ env: { ...ldap.serviceEnv(), RUN_WORKERS: 'false' } });
    return {
      app,
      dns: people.map((p) => personDn(p, ldap.baseDn)),
      groupMembers: () => ldap.groupMembers('vpn-users'),
      ghost: { directoryDn: null, username: `ghost${process.pid}` },
    };
  },
  async () => ldap?.destroy(),
);

let ad: AdSandbox;
let nested: string | null = null;
describeWithAd('VPN group writes on a real Samba AD DC', () => {
  groupWriteTests(
    'batched, AD answers',
    async () => {
      ad = await AdSandbox.create();
      const people = ad.people(30, 'g');
      await ad.addPeople(people);
      await ad.addMembers('VPN-Users', [ad.userDn(people[1])]);
      const app = await startTestApp({ env: { ...ad.serviceEnv(), RUN_WORKERS: 'false' } });
      return {
        app,
        dns: people.map((p) => ad.userDn(p)),
        groupMembers: () => ad.groupMembers('VPN-Users'),
        ghost: { directoryDn: ad.userDn(`${ad.tag}nobody`), username: `${ad.tag}nobody` },
        nestInVpnGroup: async (dn) => {
          if (!nested) {
            nested = await ad.addGroup('VPN-Nested', []);
            await ad.addMembers('VPN-Users', [nested]);
          }
          await ad.addMembers('VPN-Nested', [dn]);
        },
      };
    },
    async () => ad?.destroy(),
    { nested: true },
  );
});

function addMember(dn: string): Change {
  return new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dn] }) });
}
