import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the directory feature: kind (hence HTTP status) and English default message. */
export const DIRECTORY_ERRORS = defineErrors({
  ACCOUNT_DISABLED: {
    kind: 'forbidden',
    message: 'Your directory account is disabled or expired; ask the IT office',
    it: "La tua utenza di rete è disattivata o scaduta; rivolgiti all'ufficio informatico",
  },
  ACCOUNT_LOCKED: {
    kind: 'forbidden',
    message: 'Your directory account is locked after too many wrong passwords; wait or ask the IT office to unlock it',
    it: "La tua utenza di rete è bloccata dopo troppe password errate; attendi oppure chiedi all'ufficio informatico di sbloccarla",
  },
  ACCOUNT_RESTRICTED: {
    kind: 'forbidden',
    message: 'Your directory account may not log on at this time or from here',
    it: 'La tua utenza di rete non può accedere in questo orario o da questa postazione',
  },
  DIRECTORY_NOT_CONFIGURED: {
    kind: 'conflict',
    message: 'No directory is configured (set LDAP_URL, LDAP_BIND_DN, LDAP_BIND_PASSWORD and LDAP_BASE_DN)',
    it: "Il collegamento alla rubrica di rete (LDAP) non è configurato: rivolgersi all'amministratore del servizio",
  },
  DIRECTORY_UNAVAILABLE: {
    kind: 'unavailable',
    message: 'The directory did not answer as expected: {what}',
    it: 'La rubrica di rete non ha risposto come previsto; riprovare più tardi',
  },
  EMPLOYEE_CONFLICT: {
    kind: 'conflict',
    message: 'Another employee has the same number, external id or username',
    it: 'Un altro dipendente ha la stessa matricola, lo stesso identificativo esterno o lo stesso nome utente',
  },
  EMPLOYEE_NOT_FOUND: { kind: 'not_found', message: 'employee {id} does not exist', it: 'Il dipendente[ {id|employeeId}] non esiste' },
  EMPLOYEE_NUMBER_TAKEN: { kind: 'conflict', message: 'Another employee has this employee number', it: 'Un altro dipendente ha già questa matricola' },
  EXTERNAL_ID_TAKEN: { kind: 'conflict', message: 'Another employee has this external id', it: 'Un altro dipendente ha già questo identificativo esterno' },
  IMPORT_CONFLICT: {
    kind: 'conflict',
    message: 'Employees changed while the file was imported; nothing was imported, try again',
    it: "I dipendenti sono cambiati durante l'importazione del file; non è stato importato nulla, riprovare",
  },
  INVALID_CREDENTIALS: { kind: 'unauthenticated', message: 'The username or password is not valid', it: 'Nome utente o password non validi' },
  MANAGED_SERVICE_NOT_FOUND: {
    kind: 'not_found',
    message: "This login manages no service: a manager's view needs the directory login of an active manager (dirigente)",
    it: 'Queste credenziali non corrispondono al dirigente di un servizio: accedere con le proprie credenziali di rete di dirigente',
  },
  MANAGER_FLAG_NEEDS_ADMIN: {
    kind: 'forbidden',
    message: "Signing authority (the manager flag, a manager's service) is set or changed by an admin or the directory sync only",
    it: 'Il potere di firma (qualifica di dirigente, servizio diretto) può essere assegnato o cambiato solo da un amministratore o dalla sincronizzazione con la rubrica di rete',
  },
  NOT_MANAGER_OF_EMPLOYEE: {
    kind: 'forbidden',
    message: "Only the manager of the employee's service, with their own login, may read or act on this employee's records",
    it: 'Questa operazione spetta al dirigente del servizio del dipendente, con le proprie credenziali',
  },
  NO_ROLE: {
    kind: 'forbidden',
    message: 'Your directory account is in no group that gives access to this service',
    it: 'La tua utenza di rete non appartiene a nessun gruppo che dà accesso a questo servizio',
  },
  PASSWORD_EXPIRED: {
    kind: 'forbidden',
    message: 'Your directory password has expired; change it (at a workstation of the office) and try again',
    it: "La password della tua utenza di rete è scaduta; cambiala da una postazione dell'ufficio e riprova",
  },
  PASSWORD_MUST_CHANGE: {
    kind: 'forbidden',
    message: 'Your directory password must be changed before first use; change it and try again',
    it: 'La password della tua utenza di rete va cambiata prima del primo accesso; cambiala e riprova',
  },
  SERVICE_CODE_TAKEN: { kind: 'conflict', message: 'A service with code {code} already exists', it: 'Esiste già un servizio con questo codice[ ({code})]' },
  SYNC_IN_PROGRESS: { kind: 'conflict', message: 'A directory sync is already running', it: 'È già in corso una sincronizzazione con la rubrica di rete' },
  SYNC_RUN_NOT_FOUND: { kind: 'not_found', message: 'sync_run {id} does not exist', it: 'La sincronizzazione[ {id}] non esiste' },
  UNKNOWN_SERVICE_CODE: { kind: 'validation', message: 'Unknown service code', it: 'Codice del servizio sconosciuto' },
  USERNAME_TAKEN: { kind: 'conflict', message: 'Another employee has this username', it: 'Un altro dipendente ha già questo nome utente' },
  VERSION_CONFLICT: {
    kind: 'conflict',
    message: 'The employee was changed since you read it; read it again',
    it: 'Il dipendente è stato modificato dopo che lo hai aperto: ricaricalo e riprova',
  },
});

export type DirectoryErrorCode = keyof typeof DIRECTORY_ERRORS;
