import * as http from 'node:http';
import { Attribute, Change } from 'ldapts';
import { calendarDate } from '../../src/common/clock';
import { createEmployee, createProvisionableEmployee } from '../factories';
import { handOverLaptop, hotlineApi, provisionable } from '../e2e/vpn/vpn-fixtures';
import { generatePeople, LdapSandbox, personDn } from '../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { makeCsr, openssl, tempDir } from '../integration/pki/pki-test-tools';
import { differences, fingerprint, Fingerprint } from './support/database';

jest.setTimeout(180_000);

const CODE = /^[A-Z][A-Z0-9_]+$/;

/**
 * Hand-made hostile requests the generator would rarely produce: malformed CSRs and PEM, CSV that breaks
 * parsers, generateKey (PKCS#12) requests with bad fields, oversized bodies, wrong content types, path traversal
 * in file and asset names, LDAP injection in login. Every one: a 4xx with a stable code (never a 5xx), nothing
 * changed, nothing served that should not be.
 */
describe('hostile input', () => {
  let t: TestApp;
  let sandbox: LdapSandbox;
  let tables: string[];
  let hotline: string;
  let tech: string;
  let hr: string;
  const dir = tempDir('rw-hostile-');
  const [person] = generatePeople(1, 'hi');
  const today = calendarDate(new Date(), 'Europe/Rome');

  beforeAll(async () => {
    sandbox = await LdapSandbox.create([person], { 'rw-hotline': [], 'vpn-users': [] });
    await sandbox.admin((c) =>
      c.modify(
        sandbox.groupDn('rw-hotline'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [personDn(person, sandbox.baseDn)] }) }),
      ),
    );
    t = await startTestApp({ env: { RUN_WORKERS: 'false', BODY_LIMIT: '1mb', IMPORT_BODY_LIMIT: '2mb', ...sandbox.serviceEnv() } });
    hotline = await t.tokenFor('hotline');
    tech = await t.tokenFor('technician');
    hr = await t.tokenFor('hr');
    tables = (
      t.config.database.kind === 'postgres'
        ? await t.dataSource.query(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'",
          )
        : await t.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'")
    ).map((r: { name: string }) => r.name);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy().catch(() => undefined);
  });

  const snapshot = () => fingerprint(t.dataSource, tables);
  /** A refusal: 4xx with a stable code, nothing but refusal audit events written. */
  const refused = async (res: { status: number; body: { error?: { code?: string } }; text?: string }, before: Fingerprint, label: string) => {
    expect({ label, status: res.status >= 400 && res.status < 500 }).toEqual({ label, status: true });
    expect({ label, code: CODE.test(res.body?.error?.code ?? '') }).toEqual({ label, code: true });
    expect({ label, changed: differences(before, await snapshot(), ['audit_events', 'audit_head']) }).toEqual({ label, changed: [] });
  };

  it('regressions found by the fuzzer: an unpaired surrogate in an e-mail, a limit of 1e308', async () => {
    const employee = await createEmployee(t.dataSource);
    for (const [method, url, body] of [
      ['patch', `/api/v1/employees/${employee.id}`, { version: 1, email: '\ud800' }],
      ['post', '/api/v1/employees', { employeeNumber: 'X1', firstName: 'A', lastName: 'B', serviceCode: 'CP', email: 'a\udfff@x.it' }],
    ] as const) {
      const before = await snapshot();
      const res = await t.http()[method](url).set(auth(hr)).set('Content-Type', 'application/json').send(JSON.stringify(body));
      await refused(res, before, `${method} ${url}`);
    }
    for (const url of [
      '/api/v1/agreements?limit=1e%2B308',
      '/api/v1/activities?limit=1e%2B308',
      '/api/v1/offboarding/cases?limit=1e%2B308',
      '/api/v1/audit/events?limit=1e%2B308',
    ]) {
      const res = await t.http().get(url).set(auth(t.adminToken));
      expect({ url, status: res.status, code: res.body.error?.code }).toEqual({ url, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('refuses malformed CSRs, PEM and generateKey (PKCS#12) requests with their codes, writing nothing', async () => {
    const p = await provisionable(t, today, { username: 'hostile.csr' });
    const laptop = await handOverLaptop(t, p.id);
    const api = hotlineApi(t, hotline);
    const account = (await api.create(p.id)).body;
    await api.approve(account.id);
    const good = (await makeCsr(dir, 'hostile.csr')).csrPem;
    const weak = (await makeCsr(dir, 'hostile.csr', 1024, 'weak')).csrPem;
    const other = (await makeCsr(dir, 'someone.else')).csrPem;
    const ecKey = await openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      `${dir}/ec.key`,
      '-subj',
      '/CN=hostile.csr',
    ]);
    const body = good.split('\n').slice(1, -2).join('');
    const der = Buffer.from(body, 'base64');
    der[der.length - 5] ^= 0xff; // a byte of the signature
    const forged = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    const ca = (await t.http().get('/pki/ca.pem')).text;
    const cases: [string, Record<string, unknown>][] = [
      ['not PEM at all', { stationAssetId: laptop.id, csrPem: 'hello' }],
      ['PEM of garbage', { stationAssetId: laptop.id, csrPem: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA!!!!====\n-----END CERTIFICATE REQUEST-----' }],
      ['truncated CSR', { stationAssetId: laptop.id, csrPem: good.slice(0, good.length / 2) }],
      ['a certificate instead of a CSR', { stationAssetId: laptop.id, csrPem: ca }],
      ['a forged signature', { stationAssetId: laptop.id, csrPem: forged }],
      ['RSA-1024', { stationAssetId: laptop.id, csrPem: weak }],
      ['an EC key', { stationAssetId: laptop.id, csrPem: ecKey.stdout || 'EC' }],
      ['someone else’s CN', { stationAssetId: laptop.id, csrPem: other }],
      ['two CSRs in one', { stationAssetId: laptop.id, csrPem: `${other}\n${good}` }],
      ['CSR and generateKey together', { stationAssetId: laptop.id, csrPem: good, generateKey: true }],
      ['neither CSR nor generateKey', { stationAssetId: laptop.id }],
      ['generateKey as a string', { stationAssetId: laptop.id, generateKey: 'true' }],
      ['generateKey false and no CSR', { stationAssetId: laptop.id, generateKey: false }],
      ['a 20 kB CSR', { stationAssetId: laptop.id, csrPem: good.repeat(20) }],
      ['someone else’s laptop', { stationAssetId: '3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', csrPem: good }],
    ];
    const codes: Record<string, string> = {};
    for (const [label, payload] of cases) {
      const before = await snapshot();
      const res = await api.issue(account.id, payload);
      codes[label] = `${res.status} ${res.body.error?.code}`;
      await refused(res, before, label);
    }
    expect(codes['RSA-1024']).toMatch(/CSR_KEY_TOO_WEAK/);
    expect(codes['a forged signature']).toMatch(/CSR_SIGNATURE_INVALID|CSR_MALFORMED/);
    expect(codes['someone else’s CN']).toMatch(/CSR_SUBJECT_MISMATCH/);
    // and the good request still works afterwards
    expect((await api.issue(account.id, { stationAssetId: laptop.id, csrPem: good })).status).toBe(201);

    // bulk: junk CSRs refuse the whole batch with every problem listed
    const q = await provisionable(t, today, { username: 'hostile.bulk' });
    const qLaptop = await handOverLaptop(t, q.id);
    const before = await snapshot();
    const bulk = await t
      .http()
      .post('/api/v1/vpn/accounts/bulk-onboard')
      .set(auth(hotline))
      .send({ items: [{ employeeId: q.id, profile: 'dipendenti', stationAssetId: qLaptop.id, csrPem: forged }] });
    await refused(bulk, before, 'bulk with a forged CSR');
    // OCSP: junk DER is answered (malformedRequest) or refused, never a 5xx
    for (const junk of [Buffer.from('hello'), Buffer.alloc(0), Buffer.from([0x30, 0x82, 0xff, 0xff, 0x00])]) {
      const res = await t.http().post('/pki/ocsp').set('Content-Type', 'application/ocsp-request').send(junk);
      expect(res.status).toBeLessThan(500);
    }
    expect((await t.http().get('/pki/ocsp/%%%not-base64')).status).toBeLessThan(500);
  });

  it('refuses CSV that breaks parsers, oversized bodies and wrong content types, writing nothing', async () => {
    const model = (await t.http().post('/api/v1/models').set(auth(tech)).send({ kind: 'mouse', manufacturer: 'Logitech', model: 'Hostile M1', specs: {} }))
      .body;
    const lot = (
      await t.http().post('/api/v1/lots').set(auth(tech)).send({
        modelId: model.id,
        supplier: 'X',
        cig: '8563412A7F',
        orderNumber: 'H-1',
        orderDate: '2026-01-10',
        quantity: 10,
        unitPriceCents: 900,
        warrantyMonths: 24,
      })
    ).body.lot;
    const csvCases: [string, string, string, string][] = [
      ['binary', '/api/v1/assets/import?lotId=' + lot.id, 'text/csv', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)).toString('latin1')],
      ['unterminated quote', '/api/v1/assets/import?lotId=' + lot.id, 'text/csv', 'serial,mac\n"SN1,aa:bb:cc:dd:ee:ff\nSN2,x'],
      ['50,000 columns', '/api/v1/assets/import?lotId=' + lot.id, 'text/csv', 'serial' + ',c'.repeat(50_000) + '\nA' + ',1'.repeat(50_000)],
      ['a formula in a cell', '/api/v1/assets/import?lotId=' + lot.id, 'text/csv', 'serial\n=HYPERLINK("http://x")\n'],
      ['header only, BOM', '/api/v1/employees/import', 'text/csv', '\uFEFFemployee_number,first_name,last_name,service_code\n'],
      [
        'unknown service, NUL in a name',
        '/api/v1/employees/import',
        'text/csv',
        'employee_number,first_name,last_name,service_code\nN1,Ma\u0000ria,Rossi,ZZ\n',
      ],
      [
        'injection in a cell',
        '/api/v1/employees/import',
        'text/csv',
        "employee_number,first_name,last_name,service_code,username\nN2,A,B,CP,x'); DROP TABLE employees;--\n",
      ],
      ['activity map of junk', '/api/v1/activities/import', 'text/tab-separated-values', 'a\tb\n\t\t\t\n"\t"'],
      ['3 MB upload (limit 2 MB)', '/api/v1/assets/import?lotId=' + lot.id, 'text/csv', 'serial\n' + 'SN0000000001\n'.repeat(250_000)],
      ['JSON sent to a CSV endpoint', '/api/v1/employees/import', 'application/json', '{"a":1}'],
    ];
    for (const [label, url, type, payload] of csvCases) {
      const before = await snapshot();
      const token = url.includes('assets') ? tech : url.includes('activities') ? t.adminToken : hr;
      const res = await t.http().post(url).set(auth(token)).set('Content-Type', type).send(payload);
      if (label.startsWith('header only')) {
        // nothing to import is a valid (empty) import, not an error: it just must not write anything
        expect(res.status).toBe(200);
        expect(differences(before, await snapshot(), ['audit_events', 'audit_head'])).toEqual([]);
      } else {
        await refused(res, before, label);
      }
    }
    const bodyCases: [string, string, string | Buffer][] = [
      ['1.5 MB JSON', 'application/json', JSON.stringify({ kind: 'mouse', manufacturer: 'x'.repeat(1_500_000), model: 'y', specs: {} })],
      ['deeply nested JSON', 'application/json', '['.repeat(20_000) + ']'.repeat(20_000)],
      ['XML', 'application/xml', '<model><kind>mouse</kind></model>'],
      ['form-encoded', 'application/x-www-form-urlencoded', 'kind=mouse&manufacturer=Logitech&model=Form&specs='],
      ['JSON as text/plain', 'text/plain', '{"kind":"mouse","manufacturer":"L","model":"Plain","specs":{}}'],
      ['UTF-16 charset', 'application/json; charset=utf-16', Buffer.from('{"kind":"mouse"}', 'utf16le')],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\nmouse\r\n--x--'],
      ['gzip claimed, not gzip', 'application/json', '{"kind":"mouse"}'],
    ];
    for (const [label, type, payload] of bodyCases) {
      const before = await snapshot();
      let req = t.http().post('/api/v1/models').set(auth(tech)).set('Content-Type', type);
      if (label.startsWith('gzip')) req = req.set('Content-Encoding', 'gzip');
      const res = await req.send(payload);
      await refused(res, before, label);
    }
  });

  /** Exactly the bytes of the path, as an attacker's client sends them (no normalisation of ../). */
  const rawGet = (path: string, token?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(t.url);
      const req = http.request(
        { host: url.hostname, port: url.port, path, method: 'GET', headers: token ? { Authorization: `Bearer ${token}` } : {} },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });

  it('serves no file outside the web assets, whatever the path, and never makes a file name of an unusable username', async () => {
    const paths = [
      '/ui/assets/../../package.json',
      '/ui/assets/..%2f..%2fpackage.json',
      '/ui/assets/%2e%2e/%2e%2e/package.json',
      '/ui/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/ui/assets/....//....//package.json',
      '/ui/assets/..\\..\\package.json',
      '/ui/assets/%252e%252e/%252e%252e/package.json',
      '/ui/assets/..%c0%af..%c0%afpackage.json',
      '/ui/assets/%00../../package.json',
      '/ui/assets/../../../../../../etc/passwd',
      `/ui/assets/../../${t.config.dataDir}/pki/ca.key`,
      '/ui/assets/.env',
      '/ui/vendor/../../package.json',
      '/pki/..%2f..%2fpackage.json',
      '/pki/ca.pem/..%2f..%2fpackage.json',
      '/api/v1/handovers/..%2f..%2fpackage.json/receipt.pdf',
      '/api/v1/handovers/%2e%2e/receipt.pdf',
      '/api/v1/handovers/3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/returns/..%2f..%2f..%2fetc%2fpasswd/receipt.pdf',
      '/api/v1/vpn/accounts/..%2f..%2f..%2fetc%2fpasswd/openvpn-profile',
    ];
    for (const path of paths) {
      const res = await rawGet(path, path.startsWith('/api/v1/handovers') ? tech : path.startsWith('/api/v1/vpn') ? hotline : undefined);
      expect({ path, status: res.status < 500, leaked: /remote-work-provisioning|root:x:0:0|PRIVATE KEY/.test(res.body) }).toEqual({
        path,
        status: true,
        leaked: false,
      });
      expect({ path, served: res.status === 200 }).toEqual({ path, served: false });
    }
    expect((await rawGet('/ui/assets/app.css')).status).toBe(200);

    // a directory username is not limited to what the API accepts: it never becomes a certificate or file name
    const { employee } = await createProvisionableEmployee(t.dataSource, { today, employee: { username: 'michał.o"brien\r\nX-Evil: 1' } });
    const before = await snapshot();
    const created = await hotlineApi(t, hotline).create(employee.id);
    expect(created.body.error?.code).toBe('USERNAME_NOT_USABLE');
    await refused(created, before, 'VPN account for an unusable username');
  });

  it('finds nobody with LDAP filter injection at login, and never lets one user in as another', async () => {
    const attempts: [string, string][] = [
      ['*', '*'],
      ['*', person.password],
      [`${person.uid}*`, person.password],
      ['*)(uid=*', person.password],
      [`${person.uid})(|(uid=*`, person.password],
      [`${person.uid})(objectClass=*`, person.password],
      ['*)(|(objectClass=*))', 'x'],
      ['\\2a', person.password],
      [`${person.uid}\u0000`, person.password],
      [`${person.uid}\\00`, person.password],
      ['admin)(&)', 'x'],
      [person.uid, '*'],
      [person.uid, ''],
      [person.uid, `${person.password}\u0000extra`],
      [` ${person.uid.toUpperCase()} `, 'wrong'],
    ];
    for (const [username, password] of attempts) {
      const res = await t.http().post('/api/v1/auth/login').send({ username, password });
      // a NUL byte is refused before anything is asked of the directory (PostgreSQL cannot even store it in the audit)
      const expected = (username + password).includes('\u0000') ? { status: 400, code: 'VALIDATION_FAILED' } : { status: 401, code: 'INVALID_CREDENTIALS' };
      expect({ username, password, status: res.status, code: res.body.error?.code }).toEqual({ username, password, ...expected });
    }
    // the real one still gets in (the failures above were spread over several usernames: not throttled)
    expect((await t.http().post('/api/v1/auth/login').send({ username: person.uid, password: person.password })).status).toBe(200);
    // and employee search treats LIKE wildcards as text
    await createEmployee(t.dataSource, { lastName: 'Percento' });
    const all = (await t.http().get('/api/v1/employees?limit=500').set(auth(hr))).body.items.length;
    for (const q of ['%', '_', '\\', "' OR '1'='1", '*)(uid=*']) {
      const res = await t
        .http()
        .get(`/api/v1/employees?q=${encodeURIComponent(q)}`)
        .set(auth(hr));
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
      expect(res.body.items.length).toBeLessThan(all);
    }
  });
});
