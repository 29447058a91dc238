import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the auth feature: kind (hence HTTP status) and English default message. */
export const AUTH_ERRORS = defineErrors({
  SESSION_NOT_FOR_GATEWAYS: {
    kind: 'forbidden',
    message: 'A gateway credential cannot open a browser session',
    it: 'La credenziale di un gateway VPN non può aprire una sessione nel browser',
  },
  ROUTE_HAS_NO_RULE: {
    kind: 'forbidden',
    message: 'This route declares no access rule and is closed',
    it: "Questa funzione non ha regole di accesso ed è chiusa: segnalarlo all'assistenza",
  },
  TOKEN_EXPIRED: { kind: 'unauthenticated', message: 'The token has expired', it: 'La sessione è scaduta: accedere di nuovo' },
  TOKEN_INVALID: { kind: 'unauthenticated', message: 'The bearer token is not valid', it: 'La credenziale di accesso non è valida: accedere di nuovo' },
  TOKEN_NOT_FOUND: { kind: 'not_found', message: 'token {id} does not exist', it: 'La credenziale di accesso[ {id}] non esiste' },
  TOKEN_REVOKED: {
    kind: 'unauthenticated',
    message: 'The account this token was issued to is no longer active',
    it: "La sessione è stata chiusa oppure l'utente non è più attivo: accedere di nuovo",
  },
});

export type AuthErrorCode = keyof typeof AUTH_ERRORS;
