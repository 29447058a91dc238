import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { DomainError } from '../../../src/common/errors/domain-error';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { Certificates } from '../../../src/pki';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { makeCsr, tempDir } from './pki-test-tools';

jest.setTimeout(120_000);

/** The one port other features use (VPN, KPI): issuance in the caller's unit, batch status, hold ownership, CRL status. */
describe('PKI certificates port', () => {
  let t: TestApp;
  let pki: Certificates;
  let uow: UnitOfWork;
  const dir = tempDir();

  beforeAll(async () => {
    t = await startTestApp();
    pki = t.get(Certificates);
    uow = t.get(UnitOfWork);
  });
  afterAll(() => t.close());

  async function issue(username: string, vpnAccountId = randomUUID()) {
    const { csrPem } = await makeCsr(dir, username);
    const prepared = await pki.prepareStation({ csrPem, username, assetTag: `PC-${username}`, vpnAccountId });
    expect(prepared).toMatchObject({ keyOrigin: 'csr', caChainPem: expect.stringContaining('BEGIN CERTIFICATE') });
    const issued = await uow.run((tx) => pki.record(tx, prepared, SYSTEM_ACTOR));
    expect(issued).toMatchObject({ serial: prepared.serial, notAfter: prepared.notAfter, certificatePem: prepared.certificatePem });
    return issued.serial;
  }

  it('reads the status of a page of serials in one lookup; unknown serials are absent', async () => {
    const [a, b] = [await issue('port.alfa'), await issue('port.beta')];
    await uow.run((tx) => pki.revoke(tx, b, 'keyCompromise', SYSTEM_ACTOR));
    const statuses = await pki.statuses([a, b, 'abcdef0123', a]);
    expect([...statuses.keys()].sort()).toEqual([a, b].sort());
    expect(statuses.get(a)).toEqual({ serial: a, status: 'valid', revocationReason: null, holdOwner: null });
    expect(statuses.get(b)).toMatchObject({ status: 'revoked', revocationReason: 'keyCompromise' });
    expect(await pki.status('abcdef0123')).toBeNull();
    expect(await pki.statuses([])).toEqual(new Map());
  });

  it("keeps a VPN account's hold to the account: a manual release is refused, the account's release lifts it", async () => {
    const serial = await issue('port.gamma');
    await uow.run((tx) => pki.hold(tx, serial, SYSTEM_ACTOR, 'vpn-account'));
    expect(await pki.status(serial)).toMatchObject({ status: 'on_hold', holdOwner: 'vpn-account', revocationReason: 'certificateHold' });
    const refused = await uow.run((tx) => pki.releaseHold(tx, serial, SYSTEM_ACTOR, 'manual')).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('CERTIFICATE_HOLD_OWNED_BY_ACCOUNT');
    await uow.run((tx) => pki.releaseHold(tx, serial, SYSTEM_ACTOR, 'vpn-account'));
    expect(await pki.status(serial)).toMatchObject({ status: 'valid', holdOwner: null });
  });

  it('publishes the CRL and reports its status', async () => {
    const before = await pki.crlStatus();
    const account = randomUUID();
    const serial = await issue('port.delta', account);
    expect(await uow.run((tx) => pki.revokeAllFor(tx, { vpnAccountId: account }, 'cessationOfOperation', SYSTEM_ACTOR))).toEqual([serial]);
    await pki.publish('a test revocation');
    const after = await pki.crlStatus();
    // earlier tests' queued rebuild jobs may publish too: the number only grows
    expect(after).toMatchObject({ alert: false });
    expect(after!.crlNumber).toBeGreaterThan(before?.crlNumber ?? 0);
    expect(after!.secondsToNextUpdate).toBeGreaterThan(0);
    expect(await pki.caChainPem()).toContain('BEGIN CERTIFICATE');
    expect(await pki.keyPackage(serial)).toBeNull(); // a CSR certificate: the key never left the laptop
  });
});
