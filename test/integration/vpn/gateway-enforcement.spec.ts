import { GatewayConnectCheck } from '../../../src/vpn/gateway-connect-check.service';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { calendarDate, FixedClock } from '../../../src/common/clock';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateIssuer } from '../../../src/pki/certificate-issuer.service';
import { createProvisionableEmployee } from '../../factories';
import { describeWithNetns, NetnsLab } from '../../helpers/netns';
import { sleep, Watched } from '../../helpers/openvpn';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { approvedAccount, handOverLaptop, hotlineApi } from '../../e2e/vpn/vpn-fixtures';
import { canonicalSerial, listedSerials, tempDir } from '../pki/pki-test-tools';

// real OpenVPN servers and clients in network namespaces, RSA keys, on a 2-core machine shared with other suites
jest.setTimeout(300_000);

const REPO = path.resolve(__dirname, '../../..');
/** the port the service answers on inside each gateway namespace (a forwarder to the test's app, see loopbackBridge) */
const SERVICE_PORT_IN_GATEWAY = 18080;
const INTRANET = { dipendenti: '10.10.0.10', tecnici: '10.20.0.10', app: '172.16.20.10' };
const CONNECTED = /Initialization Sequence Completed/;
const CLIENT_GAVE_UP = /AUTH_FAILED|process exiting|Exiting due to fatal error|SIGTERM\[soft/;

interface Gateway {
  id: string;
  name: string;
  host: string;
  port: number;
  proto: string;
  profile: string;
}
interface Installed {
  server: string;
  remoteWork: string;
  conf: string;
}
interface User {
  username: string;
  employeeId: string;
  agreementId: string;
  accountId: string;
  laptopId: string;
  serial: string;
  dir: string;
}

/**
 * The other end of the service: VPN gateways that enforce its decisions at connection time, tested with the real
 * programs. Each gateway (vpn1 for `dipendenti`, vpn-tecnici) is a network namespace running the real OpenVPN server
 * from the bundle the service generates (server.conf, the client-connect hook and its gateway.conf, the nftables
 * ruleset loaded, a tun device, forwarding on); an "intranet" namespace holds a service on a `dipendenti` network, one
 * on a `tecnici`-only network and one on 172.16.20.0/24 (dipendenti: tcp/443 only); each client namespace runs the real
 * OpenVPN client from the user's downloaded .ovpn (only its `remote` host changed to the gateway's address in the
 * test). The hook reaches the service, which listens on 127.0.0.1 of the root namespace, through a unix-socket bridge.
 */
describeWithNetns('VPN gateways enforce what the service decides (real OpenVPN, nftables, netns)', () => {
  // The business clock runs 10 minutes behind the machine: the allow-list's expiry can then be placed seconds ahead
  // of real time (the scripts and OpenVPN read the machine's clock) while every certificate is already valid.
  const clock = new FixedClock(new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000));
  const today = calendarDate(clock.now(), 'Europe/Rome');
  const lab = new NetnsLab('gwe');
  let t: TestApp;
  let dir: string;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;
  const gw: Record<'dipendenti' | 'tecnici', Gateway> = {} as never;
  const installed: Record<string, Installed> = {};
  const servers: Record<string, Watched> = {};
  const ns: Record<string, string> = {};
  /** each client namespace and the gateway address it reaches */
  const clientOf = { dipendenti: { ns: '', remote: '198.51.100.1' }, tecnici: { ns: '', remote: '198.51.100.5' } };
  let bridge: { setDown: (down: boolean) => void };

  beforeAll(async () => {
    dir = tempDir(`rw-gw-enf-${process.pid}-`);
    const vpnConfig = JSON.parse(fs.readFileSync(path.join(REPO, 'config/vpn.json'), 'utf8')) as Record<string, unknown>;
    vpnConfig.allowList = { validMinutes: 5 };
    fs.writeFileSync(path.join(dir, 'vpn.json'), JSON.stringify(vpnConfig));
    t = await startTestApp({ clock, env: { VPN_CONFIG_FILE: path.join(dir, 'vpn.json') } });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);

    const all = (await t.http().get('/api/v1/vpn/gateways').set(auth(hotline)).expect(200)).body as Gateway[];
    for (const g of all.filter((x) => x.name !== 'vpn1' && x.name !== 'vpn-tecnici')) {
      await t.http().patch(`/api/v1/vpn/gateways/${g.id}`).set(auth(t.adminToken)).send({ enabled: false }).expect(200);
    }
    gw.dipendenti = all.find((g) => g.name === 'vpn1')!;
    gw.tecnici = all.find((g) => g.name === 'vpn-tecnici')!;

    // the network: gateways between the clients (198.51.100.0/24) and the intranet (192.0.2.0/24 transit)
    ns.intranet = await lab.namespace('lan');
    ns.dipendenti = await lab.namespace('gwd');
    ns.tecnici = await lab.namespace('gwt');
    clientOf.dipendenti.ns = await lab.namespace('cld');
    clientOf.tecnici.ns = await lab.namespace('clt');
    await lab.link(ns.dipendenti, '192.0.2.1/30', ns.intranet, '192.0.2.2/30');
    await lab.link(ns.tecnici, '192.0.2.5/30', ns.intranet, '192.0.2.6/30');
    await lab.link(clientOf.dipendenti.ns, '198.51.100.2/30', ns.dipendenti, '198.51.100.1/30');
    await lab.link(clientOf.tecnici.ns, '198.51.100.6/30', ns.tecnici, '198.51.100.5/30');
    for (const a of Object.values(INTRANET)) await lab.ip(ns.intranet, ['addr', 'add', `${a}/32`, 'dev', 'lo']);
    await lab.ip(ns.intranet, ['route', 'add', '10.8.0.0/22', 'via', '192.0.2.1']);
    await lab.ip(ns.intranet, ['route', 'add', '10.8.8.0/24', 'via', '192.0.2.5']);
    for (const [g, via] of [
      [ns.dipendenti, '192.0.2.2'],
      [ns.tecnici, '192.0.2.6'],
    ]) {
      // the gateway routes every intranet network: what a profile reaches is the firewall's decision, not routing's
      for (const net of ['10.10.0.0/16', '10.20.0.0/16', '172.16.20.0/24']) await lab.ip(g, ['route', 'add', net, 'via', via]);
      const fwd = await lab.exec(g, 'sysctl', ['-w', 'net.ipv4.ip_forward=1']);
      expect(fwd.code).toBe(0);
    }
    await lab.httpServices(ns.intranet, [
      { name: 'dipendenti', host: INTRANET.dipendenti, port: 8080 },
      { name: 'tecnici', host: INTRANET.tecnici, port: 8080 },
      { name: 'app-443', host: INTRANET.app, port: 443 },
      { name: 'app-8080', host: INTRANET.app, port: 8080 },
    ]);
    const appPort = Number(new URL(t.url).port);
    const socket = path.join(dir, 'service.sock');
    bridge = await lab.loopbackBridge(ns.dipendenti, socket, appPort, SERVICE_PORT_IN_GATEWAY);
    await lab.loopbackBridge(ns.tecnici, socket, appPort, SERVICE_PORT_IN_GATEWAY);

    for (const profile of ['dipendenti', 'tecnici'] as const) {
      installed[profile] = await installBundle(gw[profile], ns[profile]);
      servers[profile] = lab.spawn(ns[profile], 'openvpn', ['--cd', installed[profile].server, '--config', 'server.conf']);
      if (!(await servers[profile].waitFor(CONNECTED, 20_000))) throw new Error(`the ${profile} gateway did not start:\n${servers[profile].output()}`);
    }
  });

  afterAll(async () => {
    await lab.cleanup();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /**
   * What a gateway administrator does with the bundle (its README): the gateway's own credential downloads it for the
   * directory it is installed in and the URL it reaches the service at (here the test's folder instead of /etc/openvpn,
   * and the forwarder in the gateway's namespace), the token goes to TOKEN_FILE, the server certificate and key next
   * to server.conf, the nftables ruleset is loaded.
   */
  async function installBundle(g: Gateway, gatewayNs: string): Promise<Installed> {
    const credential = await t.http().post(`/api/v1/vpn/gateways/${g.id}/credential`).set(auth(t.adminToken)).send({}).expect(201);
    const token = credential.body.token as string;
    const root = path.join(dir, g.name);
    const bundle = await t
      .http()
      .get(`/api/v1/vpn/gateways/${g.id}/bundle`)
      .query({ dir: root, serviceUrl: `http://127.0.0.1:${SERVICE_PORT_IN_GATEWAY}` })
      .set(auth(token));
    if (bundle.status !== 200) throw new Error(`GET /api/v1/vpn/gateways/:id/bundle answered ${bundle.status}: ${JSON.stringify(bundle.body)}`);
    const where: Installed = { server: root, remoteWork: path.join(root, 'remote-work'), conf: '' };
    for (const f of bundle.body.files as { path: string; mode: string | number; content: string }[]) {
      const target = path.join(root, f.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const mode = typeof f.mode === 'number' ? f.mode : parseInt(f.mode, 8);
      fs.writeFileSync(target, f.content, { mode });
      fs.chmodSync(target, mode);
    }
    where.conf = path.join(where.remoteWork, 'gateway.conf');
    const conf = fs.readFileSync(where.conf, 'utf8');
    expect(conf).toContain(`SERVICE_URL=http://127.0.0.1:${SERVICE_PORT_IN_GATEWAY}\n`);
    expect(conf).toContain(`GATEWAY_ID=${g.id}\n`);
    expect(conf).not.toContain(token);
    const tokenFile = /^TOKEN_FILE=(.*)$/m.exec(conf)?.[1].replace(/^["']|["']$/g, '') ?? 'token';
    fs.writeFileSync(path.isAbsolute(tokenFile) ? tokenFile : path.join(where.remoteWork, tokenFile), `${token}\n`, { mode: 0o600 });
    // the scripts in the bundle are the repository's
    for (const s of ['connect-check.sh', 'crl-refresh.sh', 'allow-list-refresh.sh']) {
      expect(fs.readFileSync(path.join(where.remoteWork, s), 'utf8')).toBe(fs.readFileSync(path.join(REPO, 'gateway', s), 'utf8'));
    }
    const server = await t
      .get(UnitOfWork)
      .run((tx) => t.get(CertificateIssuer).issueServerCertificate(tx, { commonName: g.host, ipAddresses: [] }, SYSTEM_ACTOR));
    fs.writeFileSync(path.join(where.server, 'server.crt'), server.certificatePem);
    fs.writeFileSync(path.join(where.server, 'server.key'), server.privateKeyPem, { mode: 0o600 });
    const nft = await lab.exec(gatewayNs, 'nft', ['-f', path.join(where.server, 'nftables.conf')]);
    if (nft.code !== 0) throw new Error(`nft -f nftables.conf: ${nft.stderr}`);
    return where;
  }

  /** An employee with a laptop and an installed account of the profile; the .ovpn as downloaded, its password file. */
  async function user(username: string, profile: 'dipendenti' | 'tecnici' = 'dipendenti'): Promise<User> {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today, employee: { username } });
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id, profile);
    expect(account.gateway?.id).toBe(gw[profile].id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.installed(account.id).expect(200);
    const ovpn = (await api.profile(account.id).expect(200)).body.toString('utf8') as string;
    const folder = path.join(dir, username);
    fs.mkdirSync(folder);
    // the one change: the gateway's host name resolves to its address in the test network
    const patched = ovpn.replace(/^(remote\s+)(\S+)/m, `$1${clientOf[profile].remote}`);
    expect(patched).not.toBe(ovpn);
    fs.writeFileSync(path.join(folder, `${username}.ovpn`), patched);
    fs.writeFileSync(path.join(folder, 'password'), `${issued.oneTimePassword}\n`, { mode: 0o600 });
    return {
      username,
      employeeId: employee.id,
      agreementId: agreement.id,
      accountId: account.id,
      laptopId: laptop.id,
      serial: issued.certificate.serial,
      dir: folder,
    };
  }

  interface Attempt {
    connected: boolean;
    client: Watched;
    /** what the gateway's OpenVPN wrote during the attempt */
    serverLog: string;
    ms: number;
  }
  const sessions: Watched[] = [];

  /**
   * Runs the user's .ovpn in the profile's client namespace; resolves once it is connected, or refused: the client gave
   * up (AUTH_FAILED after the hook refused) or the gateway refused its certificate (crl-verify) — over UDP a client
   * whose TLS handshake fails would otherwise retry for a minute.
   */
  async function connect(u: User, profile: 'dipendenti' | 'tecnici' = 'dipendenti'): Promise<Attempt> {
    await disconnectAll();
    const server = servers[profile];
    const from = server.output().length;
    const started = Date.now();
    const client = lab.spawn(
      clientOf[profile].ns,
      'openvpn',
      ['--cd', u.dir, '--config', `${u.username}.ovpn`, '--askpass', 'password', '--connect-retry-max', '1', '--resolv-retry', '0', '--connect-timeout', '5'],
      u.dir,
    );
    sessions.push(client);
    let connected = false;
    while (Date.now() - started < 30_000) {
      if (CONNECTED.test(client.output())) {
        connected = true;
        break;
      }
      if (CLIENT_GAVE_UP.test(client.output()) || client.child.exitCode !== null || /VERIFY ERROR/.test(server.output().slice(from))) break;
      await sleep(100);
    }
    const ms = Date.now() - started;
    await sleep(300); // the gateway's lines about this client
    return { connected, client, serverLog: server.output().slice(from), ms };
  }
  async function disconnectAll(): Promise<void> {
    for (const c of sessions.splice(0)) await lab.stop(c);
  }
  async function mustConnect(u: User, profile: 'dipendenti' | 'tecnici' = 'dipendenti'): Promise<Attempt> {
    const a = await connect(u, profile);
    if (!a.connected) throw new Error(`${u.username} did not connect:\n${a.client.output()}\n--- gateway ---\n${a.serverLog}`);
    expect(a.serverLog).not.toMatch(/remote-work: refused/);
    return a;
  }
  /** Refused by the hook with the code (or one of the codes: the first cause, or its consequence once the service has acted on it). */
  async function mustBeRefused(u: User, codes: string | string[], profile: 'dipendenti' | 'tecnici' = 'dipendenti'): Promise<Attempt> {
    const code = ([] as string[]).concat(codes).join('|');
    const a = await connect(u, profile);
    if (a.connected) throw new Error(`${u.username} connected, expected refused ${code}:\n${a.serverLog}`);
    if (!new RegExp(`^remote-work: refused (${code})( \\(.*\\))?$`, 'm').test(a.serverLog))
      throw new Error(`no "remote-work: refused ${code}" in the gateway log:\n${a.serverLog}\n--- client ---\n${a.client.output()}`);
    expect(a.client.output()).toMatch(/AUTH_FAILED/);
    // the hook's lines carry no serial and no CN
    const hookLines = a.serverLog.split('\n').filter((l) => l.startsWith('remote-work:'));
    for (const l of hookLines) {
      expect(l).not.toContain(u.username);
      expect(l.toLowerCase().replace(/:/g, '')).not.toContain(canonicalSerial(u.serial));
    }
    return a;
  }

  /** Every table's rows, to prove what a connection leaves behind. */
  async function snapshot(): Promise<Map<string, Set<string>>> {
    const postgres = t.dataSource.options.type === 'postgres';
    const tables: { name: string }[] = await t.dataSource.query(
      postgres
        ? 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    const out = new Map<string, Set<string>>();
    for (const { name } of tables) {
      const rows: Record<string, unknown>[] = await t.dataSource.query(`SELECT * FROM "${name}"`);
      out.set(name, new Set(rows.map((r) => JSON.stringify(r))));
    }
    return out;
  }
  function changes(before: Map<string, Set<string>>, after: Map<string, Set<string>>): Record<string, { added: unknown[]; removed: unknown[] }> {
    const diff: Record<string, { added: unknown[]; removed: unknown[] }> = {};
    for (const [name, rows] of after) {
      const old = before.get(name) ?? new Set<string>();
      const added = [...rows].filter((r) => !old.has(r)).map((r) => JSON.parse(r) as unknown);
      const removed = [...old].filter((r) => !rows.has(r)).map((r) => JSON.parse(r) as unknown);
      if (added.length || removed.length) diff[name] = { added, removed };
    }
    return diff;
  }

  /** rows that changed (same id): which columns */
  function changedColumns(d: { added: unknown[]; removed: unknown[] } | undefined): { id: unknown; columns: string[] }[] {
    if (!d) return [];
    const rows = (l: unknown[]) => l as Record<string, unknown>[];
    return rows(d.added).map((a) => {
      const b = rows(d.removed).find((r) => r.id === a.id);
      return {
        id: a.id,
        columns: b
          ? Object.keys(a)
              .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
              .sort()
          : ['(new row)'],
      };
    });
  }

  const tunAddress = async (clientNs: string) => /inet (\d+\.\d+\.\d+\.\d+)\/\d+/.exec(await lab.ip(clientNs, ['-4', 'addr', 'show', 'dev', 'tun0']))?.[1];
  let anna: User;
  let tecnico: User;

  it('dipendenti: reaches its networks (and only the ports named), is dropped on tecnici even with a route added by hand', async () => {
    anna = await user('anna.gatti');
    const before = await snapshot();
    const first = await mustConnect(anna);
    const after = await snapshot();
    const c = clientOf.dipendenti.ns;
    expect(await tunAddress(c)).toMatch(/^10\.8\.[0-3]\.\d+$/); // its stable address, in the dipendenti pool
    expect(await lab.httpGet(c, INTRANET.dipendenti, 8080)).toBe('dipendenti');
    expect(await lab.httpGet(c, INTRANET.app, 443)).toBe('app-443');
    expect(await lab.httpGet(c, INTRANET.app, 8080)).toBeNull(); // 172.16.20.0/24: tcp/443 and tcp/3389 only
    expect(await lab.httpGet(c, INTRANET.tecnici, 8080)).toBeNull(); // no route pushed
    await lab.ip(c, ['route', 'add', '10.20.0.0/16', 'dev', 'tun0']);
    expect(await lab.httpGet(c, INTRANET.tecnici, 8080)).toBeNull(); // routed now, dropped by the gateway
    expect(await lab.tcpConnects(c, INTRANET.tecnici, 8080)).toBe(false);
    expect(await lab.httpGet(c, INTRANET.dipendenti, 8080)).toBe('dipendenti'); // the tunnel is still up
    expect(first.ms).toBeLessThan(15_000);

    // installed -> active on the first connection; the service stores that and nothing else about the connection
    await t.get(GatewayConnectCheck).activationsSettled();
    expect((await api.get(anna.accountId)).state).toBe('active');
    const diff = changes(before, after);
    expect(JSON.stringify(diff)).not.toContain('198.51.100.2'); // the laptop's address
    // the tables the activation writes: the account, its audit event (and the chain's head), the directory-group job
    // it triggers, the account's stable address when it gets its first one, and the gateway credential's last use
    expect(Object.keys(diff).sort()).toEqual(expect.arrayContaining(['audit_events', 'vpn_accounts']));
    for (const name of Object.keys(diff))
      expect(['api_tokens', 'audit_events', 'audit_head', 'local_jobs', 'outbox', 'vpn_accounts', 'vpn_addresses']).toContain(name);
    if (diff.vpn_addresses) {
      expect(diff.vpn_addresses).toMatchObject({ removed: [], added: [{ account_id: anna.accountId, profile: 'dipendenti' }] });
      expect(Object.keys(diff.vpn_addresses.added[0] as object).sort()).toEqual(['account_id', 'address', 'assigned_at', 'profile']);
    }
    const accountChanges = changedColumns(diff.vpn_accounts);
    expect(accountChanges).toMatchObject([{ id: anna.accountId, columns: expect.arrayContaining(['activated_at', 'state']) }]);
    for (const column of accountChanges[0].columns) expect(['activated_at', 'state', 'updated_at', 'version']).toContain(column);
    expect(diff.audit_events).toMatchObject({ removed: [], added: [{ action: 'vpn.account.activated', actor_role: 'gateway', entity_id: anna.accountId }] });
    for (const name of ['outbox', 'local_jobs'].filter((n) => diff[n])) {
      expect(
        diff[name].added.every((r) => /^vpn\.group-add$/.test(String((r as Record<string, unknown>).job_name ?? (r as Record<string, unknown>).name))),
      ).toBe(true);
    }
    if (diff.api_tokens) {
      expect(changedColumns(diff.api_tokens).map((c) => c.columns)).toEqual([['last_used_at']]);
      expect(diff.api_tokens.added).toMatchObject([{ role: 'gateway', subject: `gateway:${gw.dipendenti.id}` }]);
    }

    // a second connection stores nothing at all
    await disconnectAll();
    const again = await snapshot();
    await mustConnect(anna);
    const diff2 = changes(again, await snapshot());
    expect(diff2).toEqual({});
  });

  it('tecnici: reaches the dipendenti network and its own', async () => {
    tecnico = await user('marco.ferri', 'tecnici');
    await mustConnect(tecnico, 'tecnici');
    const c = clientOf.tecnici.ns;
    expect(await tunAddress(c)).toMatch(/^10\.8\.8\.\d+$/);
    expect(await lab.httpGet(c, INTRANET.tecnici, 8080)).toBe('tecnici');
    expect(await lab.httpGet(c, INTRANET.dipendenti, 8080)).toBe('dipendenti');
    expect(await lab.httpGet(c, INTRANET.app, 8080)).toBe('app-8080');
  });

  it('a valid certificate, the CRL unchanged: refused once the account is suspended, accepted again once resumed', async () => {
    const u = await user('sara.conti');
    await mustConnect(u);
    const crlBefore = fs.readFileSync(path.join(installed.dipendenti.server, 'crl.pem'), 'utf8');
    await api.suspend(u.accountId).expect(200);
    await mustBeRefused(u, 'ACCOUNT_SUSPENDED');
    await api.resume(u.accountId).expect(200);
    await mustConnect(u);
    expect(fs.readFileSync(path.join(installed.dipendenti.server, 'crl.pem'), 'utf8')).toBe(crlBefore);
  });

  it('refused after: the agreement withdrawn with effect today, the laptop returned, the laptop stolen, the employee left the directory', async () => {
    const hr = await t.tokenFor('hr');
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    // a withdrawal or a theft also starts the offboarding, which revokes the account's certificate in the service (not
    // on the gateway: its CRL stays as it was): the hook refuses for the cause, or for its consequence once it has run
    const cases: { name: string; code: string | string[]; act: (u: User) => Promise<void> }[] = [
      {
        name: 'paolo.riva',
        code: ['AGREEMENT_NOT_IN_FORCE', 'CERTIFICATE_NOT_CURRENT'],
        act: async (u) => {
          const r = await t
            .http()
            .post(`/api/v1/agreements/${u.agreementId}/withdraw`)
            .set(auth(hr))
            .send({ reason: 'Recesso per giusta causa', noticeDate: today, initiatedBy: 'employer', justifiedCause: true });
          expect([r.status, r.body.withdrawal?.effectiveDate]).toEqual([200, today]);
        },
      },
      {
        name: 'elena.neri',
        code: ['STATION_NOT_ASSIGNED', 'CERTIFICATE_NOT_CURRENT'],
        act: async (u) => {
          const asset = (await t.http().get(`/api/v1/assets/${u.laptopId}`).set(auth(tech)).expect(200)).body;
          await t
            .http()
            .post(`/api/v1/handovers/${asset.currentHandoverId}/return`)
            .set(auth(tech))
            .send({
              items: [{ assetId: u.laptopId, condition: 'good' }],
              dataWipe: [{ assetId: u.laptopId, method: 'reimage + crypto erase', confirmed: true }],
            })
            .expect(201);
        },
      },
      {
        name: 'luca.galli',
        code: ['STATION_NOT_ASSIGNED', 'CERTIFICATE_NOT_CURRENT'],
        act: async (u) => {
          await t
            .http()
            .post(`/api/v1/assets/${u.laptopId}/report`)
            .set(auth(tech))
            .send({ status: 'stolen', note: 'Furto in auto, denuncia presentata', reportedAt: clock.now().toISOString() })
            .expect(201);
        },
      },
      {
        name: 'giulia.fabbri',
        code: ['EMPLOYEE_INACTIVE', 'CERTIFICATE_NOT_CURRENT'],
        act: async (u) => {
          // the person leaves: deactivated through the service (as the directory sync or HR does, with its audit event)
          const { version } = (await t.http().get(`/api/v1/employees/${u.employeeId}`).set(auth(hr)).expect(200)).body as { version: number };
          await t
            .http()
            .patch(`/api/v1/employees/${u.employeeId}`)
            .set(auth(hr))
            .send({ version, active: false, deactivationReason: 'left the directory' })
            .expect(200);
        },
      },
    ];
    const crlFile = path.join(installed.dipendenti.server, 'crl.pem');
    const crlBefore = fs.readFileSync(crlFile, 'utf8');
    for (const k of cases) {
      const u = await user(k.name);
      await mustConnect(u);
      await k.act(u);
      await mustBeRefused(u, k.code);
    }
    expect(fs.readFileSync(crlFile, 'utf8')).toBe(crlBefore); // the gateway's CRL never changed: the hook refused
  });

  it('service unreachable: the signed allow-list decides while it is valid, then every connection is refused', async () => {
    const remoteWork = installed.dipendenti.remoteWork;
    // gateway.conf's ALLOW_LIST_FILE, relative to its folder
    const listFile = () =>
      path.resolve(remoteWork, /^ALLOW_LIST_FILE=(.*)$/m.exec(fs.readFileSync(installed.dipendenti.conf, 'utf8'))?.[1] || 'allow-list.txt');
    const refresh = () => lab.exec(ns.dipendenti, path.join(remoteWork, 'allow-list-refresh.sh'), []);
    const suspended = await user('rita.longo');
    await mustConnect(suspended);
    await api.suspend(suspended.accountId).expect(200);

    // the list pulled while the service answers, issued by a business clock set so that it expires in 15 s
    const expiresAt = Date.now() + 15_000;
    clock.set(new Date(expiresAt - 5 * 60_000));
    const pulled = await refresh();
    clock.set(new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000));
    expect(pulled).toMatchObject({ code: 0 });
    const list = fs.readFileSync(listFile(), 'utf8');
    expect(list).toMatch(/^# remote-work allow-list v1\n/);
    expect(list).toContain(`allow ${anna.serial} `);
    expect(list).not.toContain(suspended.serial);

    bridge.setDown(true);
    try {
      const a = await mustConnect(anna);
      expect(a.serverLog).toMatch(/remote-work: allowed from the signed allow-list \(service unreachable/);
      expect(await lab.httpGet(clientOf.dipendenti.ns, INTRANET.dipendenti, 8080)).toBe('dipendenti'); // with the list's directives
      await mustBeRefused(suspended, 'OFFLINE_NOT_LISTED');
      // the refresher keeps the list it has when the service does not answer
      expect((await refresh()).code).toBe(1);
      expect(fs.readFileSync(listFile(), 'utf8')).toBe(list);

      await sleep(Math.max(0, expiresAt - Date.now() + 1000));
      await mustBeRefused(anna, 'OFFLINE_LIST_EXPIRED'); // fail closed
    } finally {
      bridge.setDown(false);
    }
    await mustConnect(anna); // the service answers again
  });

  it('CRL refresher: a revocation reaches the gateway within its interval; a stale CRL alerts', async () => {
    const remoteWork = installed.dipendenti.remoteWork;
    const crlFile = path.join(installed.dipendenti.server, 'crl.pem');
    const interval = 2;
    const refresher = lab.spawn(ns.dipendenti, 'sh', ['-c', `while :; do ${path.join(remoteWork, 'crl-refresh.sh')}; echo "run $?"; sleep ${interval}; done`]);
    expect(await refresher.waitFor(/run 0/, 20_000)).toBe(true);

    const u = await user('franco.rossi');
    await mustConnect(u);
    const revokedAt = Date.now();
    await t.http().post(`/api/v1/certificates/${u.serial}/revoke`).set(auth(hotline)).send({ reason: 'keyCompromise' }).expect(200);
    const listed = async () =>
      listedSerials((await lab.exec(ns.dipendenti, 'openssl', ['crl', '-noout', '-text', '-in', crlFile])).stdout).includes(canonicalSerial(u.serial));
    while (!(await listed()) && Date.now() - revokedAt < (interval * 2 + 5) * 1000) await sleep(250);
    const reachedMs = Date.now() - revokedAt;
    expect(await listed()).toBe(true);
    expect(reachedMs).toBeLessThan((interval * 2 + 5) * 1000);
    const a = await connect(u);
    expect(a.connected).toBe(false);
    expect(a.serverLog).toMatch(/VERIFY ERROR: depth=0, error=certificate revoked/); // OpenVPN itself, from the new CRL
    await lab.stop(refresher);

    // stale: the service unreachable and the CRL on disk older than the threshold -> alert, exit 2
    const staleConf = path.join(remoteWork, 'gateway-stale.conf');
    fs.writeFileSync(staleConf, `${fs.readFileSync(installed.dipendenti.conf, 'utf8')}\nCRL_MAX_AGE_SECONDS=60\n`);
    bridge.setDown(true);
    try {
      const r = await lab.exec(ns.dipendenti, path.join(remoteWork, 'crl-refresh.sh'), [], { env: { ...process.env, RW_GATEWAY_CONF: staleConf } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/remote-work: crl: ALERT: .* more than 60 s ago/);
    } finally {
      bridge.setDown(false);
      fs.rmSync(staleConf, { force: true });
    }
  });
});
