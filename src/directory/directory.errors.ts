import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the directory feature: kind (hence HTTP status) and English default message. */
export const DIRECTORY_ERRORS = defineErrors({
  ACCOUNT_DISABLED: { kind: 'forbidden', message: 'Your directory account is disabled or expired; ask the IT office' },
  ACCOUNT_LOCKED: { kind: 'forbidden', message: 'Your directory account is locked after too many wrong passwords; wait or ask the IT office to unlock it' },
  ACCOUNT_RESTRICTED: { kind: 'forbidden', message: 'Your directory account may not log on at this time or from here' },
  DIRECTORY_NOT_CONFIGURED: { kind: 'conflict', message: 'No directory is configured (set LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD and LDAP_BASE_DN)' },
  DIRECTORY_UNAVAILABLE: { kind: 'unavailable', message: 'The directory did not answer as expected: {what}' },
  EMPLOYEE_CONFLICT: { kind: 'conflict', message: 'Another employee has the same number, external id or username' },
  EMPLOYEE_NOT_FOUND: { kind: 'not_found', message: 'employee {id} does not exist' },
  EMPLOYEE_NUMBER_TAKEN: { kind: 'conflict', message: 'Another employee has this employee number' },
  EXTERNAL_ID_TAKEN: { kind: 'conflict', message: 'Another employee has this external id' },
  IMPORT_CONFLICT: { kind: 'conflict', message: 'Employees changed while the file was imported; nothing was imported, try again' },
  INVALID_CREDENTIALS: { kind: 'unauthenticated', message: 'The username or password is not valid' },
  MANAGER_FLAG_NEEDS_ADMIN: {
    kind: 'forbidden',
    message: "Signing authority (the manager flag, a manager's service) is set or changed by an admin or the directory sync only",
  },
  NO_ROLE: { kind: 'forbidden', message: 'Your directory account is in no group that gives access to this service' },
  PASSWORD_EXPIRED: { kind: 'forbidden', message: 'Your directory password has expired; change it (at a workstation of the office) and try again' },
  PASSWORD_MUST_CHANGE: { kind: 'forbidden', message: 'Your directory password must be changed before first use; change it and try again' },
  SERVICE_CODE_TAKEN: { kind: 'conflict', message: 'A service with code {code} already exists' },
  SYNC_IN_PROGRESS: { kind: 'conflict', message: 'A directory sync is already running' },
  SYNC_RUN_NOT_FOUND: { kind: 'not_found', message: 'sync_run {id} does not exist' },
  UNKNOWN_SERVICE_CODE: { kind: 'validation', message: 'Unknown service code' },
  USERNAME_TAKEN: { kind: 'conflict', message: 'Another employee has this username' },
  VERSION_CONFLICT: { kind: 'conflict', message: 'The employee was changed since you read it; read it again' },
});

export type DirectoryErrorCode = keyof typeof DIRECTORY_ERRORS;
