import { ApiTokenEntity } from '../../../src/auth/api-token.entity';
import { hashToken } from '../../../src/auth/domain/token';
import { TokenService } from '../../../src/auth/token.service';
import { FixedClock } from '../../../src/common/clock';
import { createEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const HOUR = 3_600_000;

function sessionTokenOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'] as string[] | undefined;
  if (!set?.length) throw new Error('no Set-Cookie header');
  return /^rw_session=([^;]+)/.exec(set[0])![1];
}

function maxAgeOf(res: { headers: Record<string, unknown> }): number {
  return Number(/Max-Age=(\d+)/.exec((res.headers['set-cookie'] as string[])[0])![1]);
}

/**
 * Issue 11 item 1: a browser session lives only while the token it was opened from does (revoked, expired), only
 * while the employee behind a directory login is active, never past its parent's end, and exchanging a session
 * for another extends nothing. Each is checked on the next request, with no wait.
 */
describe('browser sessions die with their parent', () => {
  const clock = new FixedClock(new Date('2026-03-02T08:00:00.000Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const apiToken = async (name: string, expiresAt?: string) => {
    const res = await t.http().post('/api/v1/tokens').set(auth(t.adminToken)).send({ name, role: 'hotline', expiresAt }).expect(201);
    return { token: res.body.token as string, id: res.body.details.id as string };
  };
  const open = (token: string) => t.http().post('/api/v1/auth/session').send({ token });
  const me = (cookieToken: string) => t.http().get('/api/v1/auth/me').set('Cookie', `rw_session=${cookieToken}`);
  const row = (token: string) => t.dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ tokenHash: hashToken(token) });

  it('ends every session of an API token the moment the token is revoked, and none can be re-opened', async () => {
    const parent = await apiToken('desk-revoked');
    const first = sessionTokenOf(await open(parent.token).expect(200));
    // a session exchanged for another (what a page may do): both hang on the same API token
    const second = sessionTokenOf(await open(first).expect(200));
    expect((await row(second)).parentTokenId).toBe(parent.id);
    await me(first).expect(200);
    await me(second).expect(200);

    await t.http().delete(`/api/v1/tokens/${parent.id}`).set(auth(t.adminToken)).expect(200);
    for (const s of [first, second]) {
      expect((await me(s).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
      expect((await t.http().get('/api/v1/auth/me').set(auth(s)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
      // and it cannot be traded for a fresh one
      const again = await open(s).expect(401);
      expect(again.headers['set-cookie']).toBeUndefined();
    }
    // the token list says so too: the sessions were revoked with their parent
    const list = (await t.http().get('/api/v1/tokens?includeRevoked=true').set(auth(t.adminToken)).expect(200)).body as {
      parentTokenId: string | null;
      revokedAt: string | null;
    }[];
    const children = list.filter((x) => x.parentTokenId === parent.id);
    expect(children).toHaveLength(2);
    expect(children.every((x) => x.revokedAt !== null)).toBe(true);
  });

  it('refuses a session whose parent expired, even when the session itself has not', async () => {
    const parent = await apiToken('desk-expiring');
    const session = sessionTokenOf(await open(parent.token).expect(200));
    await me(session).expect(200);
    // the parent's end moved before the session's (as a row written before sessions were capped could have it)
    await t.dataSource.getRepository(ApiTokenEntity).update({ id: parent.id }, { expiresAt: new Date(clock.now().getTime() - 1000).toISOString() });
    expect((await row(session)).expiresAt! > clock.nowIso()).toBe(true);
    expect((await me(session).expect(401)).body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('never lets a session outlive its parent token', async () => {
    const parentEnds = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
    const parent = await apiToken('desk-30-minutes', parentEnds);
    const res = await open(parent.token).expect(200);
    expect(res.body.expiresAt).toBe(parentEnds);
    expect(maxAgeOf(res)).toBe(30 * 60);
    expect((await row(sessionTokenOf(res))).expiresAt).toBe(parentEnds);
  });

  it('extends nothing when a session is exchanged for another, however often', async () => {
    const parent = await apiToken('desk-chain');
    const start = clock.now().getTime();
    const first = await open(parent.token).expect(200);
    const ends = first.body.expiresAt as string;
    expect(ends).toBe(new Date(start + 8 * HOUR).toISOString());
    let current = sessionTokenOf(first);
    for (let i = 1; i <= 3; i++) {
      clock.advance(2 * HOUR);
      const next = await open(current).expect(200);
      expect(next.body.expiresAt).toBe(ends);
      expect(maxAgeOf(next)).toBe((8 - 2 * i) * 3600);
      const r = await row(sessionTokenOf(next));
      expect({ parent: r.parentTokenId, ends: r.expiresAt }).toEqual({ parent: parent.id, ends });
      current = sessionTokenOf(next);
    }
    clock.advance(2 * HOUR + 1);
    expect((await me(current).expect(401)).body.error.code).toBe('TOKEN_EXPIRED');
    await open(current).expect(401);
    // the API token itself still works and opens a new session of its own
    await open(parent.token).expect(200);
  });

  it('ends the session of an employee as soon as HR deactivates them', async () => {
    const employee = await createEmployee(t.dataSource);
    const hr = await t.tokenFor('hr');
    // what a directory login issues for a synced employee
    const login = await t.get(TokenService).create(
      { id: `employee:${employee.id}`, name: employee.username!, role: 'hotline' },
      {
        name: `login:${employee.username}`,
        role: 'hotline',
        kind: 'session',
        subject: `employee:${employee.id}`,
        expiresAt: new Date(clock.now().getTime() + 8 * HOUR).toISOString(),
      },
    );
    const cookie = sessionTokenOf(await open(login.token).expect(200));
    expect((await me(cookie).expect(200)).body.id).toBe(`employee:${employee.id}`);

    await t.http().patch(`/api/v1/employees/${employee.id}`).set(auth(hr)).send({ version: 1, active: false, deactivationReason: 'resigned' }).expect(200);
    for (const s of [login.token, cookie]) {
      expect((await t.http().get('/api/v1/auth/me').set(auth(s)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
      await open(s).expect(401);
    }

    // Reactivated the same day: the sessions opened before stay dead (a new login is needed).
    await t.http().patch(`/api/v1/employees/${employee.id}`).set(auth(hr)).send({ version: 2, active: true }).expect(200);
    for (const s of [login.token, cookie]) {
      expect((await t.http().get('/api/v1/auth/me').set(auth(s)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
    }
  });

  it('refuses a subject whose kind no feature vouches for', async () => {
    const odd = await t
      .get(TokenService)
      .create(
        { id: 'x', name: 'x', role: 'rtd' },
        { name: 'odd', role: 'rtd', kind: 'session', subject: 'contractor:42', expiresAt: new Date(clock.now().getTime() + HOUR).toISOString() },
      );
    expect((await t.http().get('/api/v1/auth/me').set(auth(odd.token)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
  });
});
