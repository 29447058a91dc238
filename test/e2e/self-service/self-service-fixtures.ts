import { TokenService } from '../../../src/auth/token.service';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { TestApp } from '../../helpers/test-app';

/**
 * A session as a directory login of this employee makes it (directory-login.service.ts): role `employee`, kind
 * session, subject `employee:<id>` (the actor id the self-service routes read). The login itself is proved
 * against the real slapd in test/integration/directory/directory-login.spec.ts.
 */
export async function employeeSession(t: TestApp, employeeId: string, username = 'dipendente'): Promise<string> {
  const expiresAt = new Date(Date.now() + 60 * 60_000).toISOString();
  const subject = `employee:${employeeId}`;
  const created = await t.get(TokenService).create(SYSTEM_ACTOR, { name: `login:${username}`, role: 'employee', kind: 'session', subject, expiresAt });
  return created.token;
}
