import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the self-service feature (the employee's own page): kind (hence HTTP status), English default and Italian message. */
export const SELF_SERVICE_ERRORS = defineErrors({
  NOT_AN_EMPLOYEE: {
    kind: 'forbidden',
    message: 'This session belongs to no employee record: log in with your own directory account',
    it: 'Questa sessione non corrisponde a nessun dipendente: accedi con la tua utenza di rete personale',
  },
  NO_VPN_PROFILE: {
    kind: 'conflict',
    message: 'You have no VPN account with a certificate yet: ask the hot-line',
    it: 'Non hai ancora un account VPN con un certificato: rivolgiti al supporto (hot-line)',
  },
  VPN_ACCOUNT_REQUIRED: {
    kind: 'conflict',
    message: 'You have several VPN accounts with a certificate: say which one with accountId',
    it: 'Hai più account VPN con un certificato: indica quale scaricare',
  },
});

export type SelfServiceErrorCode = keyof typeof SELF_SERVICE_ERRORS;
