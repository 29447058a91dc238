import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the pki feature: kind (hence HTTP status) and English default message. */
export const PKI_ERRORS = defineErrors({
  CA_CERTIFICATE_INVALID: {
    kind: 'validation',
    message: 'The CA certificate file is not valid',
    it: "Il file del certificato dell'autorità di certificazione non è valido",
  },
  CA_CHAIN_INVALID: {
    kind: 'rule',
    message: 'The chain file holds something that is not a certificate',
    it: 'Il file della catena contiene qualcosa che non è un certificato',
  },
  CA_CHAIN_MISSING: {
    kind: 'rule',
    message: 'The CA is an intermediate: give the chain up to the self-signed root with --chain',
    it: "L'autorità di certificazione è intermedia: fornire la catena fino al certificato radice",
  },
  CA_CHANGED: {
    kind: 'conflict',
    message: 'The CA changed while importing; try again',
    it: "L'autorità di certificazione è cambiata nel frattempo; riprovare",
  },
  CA_IN_USE: {
    kind: 'conflict',
    message: 'The current CA has issued certificates; replacing it would orphan them',
    it: "L'autorità di certificazione attuale ha già emesso certificati: sostituirla li lascerebbe senza riferimento",
  },
  CA_KEY_INVALID: {
    kind: 'validation',
    message: 'The CA key file cannot be read',
    it: "Il file della chiave dell'autorità di certificazione non può essere letto",
  },
  CA_KEY_MISMATCH: {
    kind: 'rule',
    message: 'The private key does not belong to the CA certificate',
    it: "La chiave privata non appartiene al certificato dell'autorità di certificazione",
  },
  CA_KEY_PASSPHRASE_WRONG: {
    kind: 'validation',
    message: 'The CA key is encrypted: give its passphrase (or a wrong one was given)',
    it: "La chiave dell'autorità di certificazione è cifrata: serve la sua frase segreta (oppure quella indicata è sbagliata)",
  },
  CA_KEY_TOO_WEAK: { kind: 'rule', message: 'The CA key must have at least {BITS} bits', it: "La chiave dell'autorità di certificazione è troppo corta" },
  CA_KEY_UNSUPPORTED: { kind: 'rule', message: 'Only RSA CA keys are supported', it: "Per l'autorità di certificazione sono accettate solo chiavi RSA" },
  CA_KEY_USAGE: {
    kind: 'rule',
    message: 'The CA certificate key usage must allow keyCertSign and cRLSign',
    it: "Il certificato dell'autorità di certificazione non consente di firmare certificati e liste di revoca",
  },
  CA_NOT_A_CA: {
    kind: 'rule',
    message: 'The certificate is not a CA certificate (basicConstraints CA:TRUE is missing)',
    it: "Il certificato indicato non è quello di un'autorità di certificazione",
  },
  CA_NOT_VALID_NOW: {
    kind: 'rule',
    message: 'The CA certificate is expired or not yet valid',
    it: "Il certificato dell'autorità di certificazione è scaduto o non ancora valido",
  },
  CERTIFICATE_ALREADY_ON_HOLD: { kind: 'conflict', message: 'The certificate is already on hold', it: 'Il certificato è già sospeso' },
  CERTIFICATE_ALREADY_REVOKED: { kind: 'conflict', message: 'The certificate is already revoked', it: 'Il certificato è già revocato' },
  CERTIFICATE_HOLD_OWNED_BY_ACCOUNT: {
    kind: 'conflict',
    message: 'The hold was placed by the suspension of VPN account {vpnAccountId}: resume the account, which checks the provisioning gate',
    it: "Il certificato è stato sospeso insieme alla sua utenza VPN: riattivare l'utenza, che ricontrolla i requisiti del dipendente",
  },
  CERTIFICATE_NOT_FOUND: { kind: 'not_found', message: 'certificate {id} does not exist', it: 'Il certificato[ {id}] non esiste' },
  CERTIFICATE_NOT_ON_HOLD: { kind: 'conflict', message: 'The certificate is not on hold', it: 'Il certificato non è sospeso' },
  CERTIFICATE_STATE_CHANGED: {
    kind: 'conflict',
    message: 'The certificate changed while it was being revoked; look at it again',
    it: 'Il certificato è cambiato nel frattempo; ricaricarlo e controllare',
  },
  CSR_KEY_TOO_WEAK: {
    kind: 'rule',
    message: 'The RSA key has {keyBits} bits; at least {minBits} are required',
    it: 'La chiave RSA è troppo corta[ ({keyBits} bit)][: ne servono almeno {minBits}]',
  },
  CSR_KEY_UNSUPPORTED: {
    kind: 'rule',
    message: 'Only RSA keys are accepted (this request has a {keyType} key)',
    it: 'Sono accettate solo chiavi RSA[ (questa richiesta ha una chiave {keyType})]',
  },
  CSR_MALFORMED: {
    kind: 'validation',
    message: 'The certificate request is not a valid PKCS#10 request: {reason}',
    it: 'La richiesta di certificato non è valida: il file non è leggibile',
  },
  CSR_SIGNATURE_INVALID: {
    kind: 'rule',
    message: 'The request is signed with an algorithm that is not accepted (use RSA with SHA-256 or stronger)',
    it: 'La richiesta di certificato ha una firma non valida o fatta con un algoritmo non accettato (usare RSA con SHA-256 o superiore)',
  },
  CSR_SUBJECT_MISMATCH: {
    kind: 'rule',
    message: 'The request subject CN must be exactly the VPN username "{expectedCn}"',
    it: 'Il nome nella richiesta di certificato deve essere esattamente il nome utente VPN[ «{expected}»]',
  },
  INVALID_ASSET_TAG: { kind: 'validation', message: 'The asset tag is not valid', it: "L'etichetta inventariale non è valida" },
  INVALID_HOST_NAME: { kind: 'validation', message: 'The host name is not valid', it: 'Il nome di rete del computer non è valido' },
  INVALID_IP_ADDRESS: { kind: 'validation', message: 'An IP address is not valid', it: 'Un indirizzo IP non è valido' },
  INVALID_REVOCATION_REASON: { kind: 'validation', message: 'The revocation reason is not valid', it: 'Il motivo della revoca non è valido' },
  INVALID_SERIAL: { kind: 'validation', message: 'The serial number is not valid', it: 'Il numero di serie del certificato non è valido' },
  INVALID_USERNAME: { kind: 'validation', message: 'The VPN username is not valid', it: 'Il nome utente VPN non è valido' },
  PKI_NOT_READY: {
    kind: 'unavailable',
    message: 'The certificate authority is not loaded yet; try again in a moment',
    it: "L'autorità di certificazione non è ancora pronta; riprovare tra poco",
  },
  SERVER_CERTIFICATE_ADMIN_ONLY: {
    kind: 'forbidden',
    message: 'Only an administrator can revoke a gateway certificate: every VPN user depends on it',
    it: 'Solo un amministratore può revocare il certificato di un gateway VPN: tutti gli utenti VPN dipendono da esso',
  },
});

export type PkiErrorCode = keyof typeof PKI_ERRORS;
