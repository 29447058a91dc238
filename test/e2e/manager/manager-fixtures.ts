import { TokenService } from '../../../src/auth/token.service';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { TestApp } from '../../helpers/test-app';

/**
 * What a directory login issues for a manager (directory-login.service.ts): a session whose subject is their
 * employee record, role manager. The token is the manager's own, as their LDAP login would give them.
 */
export async function managerSession(t: TestApp, manager: Pick<EmployeeEntity, 'id' | 'username'>, now: Date): Promise<string> {
  const subject = `employee:${manager.id}`;
  const login = await t
    .get(TokenService)
    .create(
      { id: subject, name: manager.username ?? manager.id, role: 'manager' },
      { name: `login:${manager.username}`, role: 'manager', kind: 'session', subject, expiresAt: new Date(now.getTime() + 8 * 3_600_000).toISOString() },
    );
  return login.token;
}
