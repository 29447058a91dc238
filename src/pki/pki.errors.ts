import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the pki feature: kind (hence HTTP status) and English default message. */
export const PKI_ERRORS = defineErrors({
  CA_CERTIFICATE_INVALID: { kind: 'validation', message: 'The CA certificate file is not valid' },
  CA_CHAIN_INVALID: { kind: 'rule', message: 'The chain file holds something that is not a certificate' },
  CA_CHAIN_MISSING: { kind: 'rule', message: 'The CA is an intermediate: give the chain up to the self-signed root with --chain' },
  CA_CHANGED: { kind: 'conflict', message: 'The CA changed while importing; try again' },
  CA_IN_USE: { kind: 'conflict', message: 'The current CA has issued certificates; replacing it would orphan them' },
  CA_KEY_INVALID: { kind: 'validation', message: 'The CA key file cannot be read' },
  CA_KEY_MISMATCH: { kind: 'rule', message: 'The private key does not belong to the CA certificate' },
  CA_KEY_PASSPHRASE_WRONG: { kind: 'validation', message: 'The CA key is encrypted: give its passphrase (or a wrong one was given)' },
  CA_KEY_TOO_WEAK: { kind: 'rule', message: 'The CA key must have at least {BITS} bits' },
  CA_KEY_UNSUPPORTED: { kind: 'rule', message: 'Only RSA CA keys are supported' },
  CA_KEY_USAGE: { kind: 'rule', message: 'The CA certificate key usage must allow keyCertSign and cRLSign' },
  CA_NOT_A_CA: { kind: 'rule', message: 'The certificate is not a CA certificate (basicConstraints CA:TRUE is missing)' },
  CA_NOT_VALID_NOW: { kind: 'rule', message: 'The CA certificate is expired or not yet valid' },
  CERTIFICATE_ALREADY_ON_HOLD: { kind: 'conflict', message: 'The certificate is already on hold' },
  CERTIFICATE_ALREADY_REVOKED: { kind: 'conflict', message: 'The certificate is already revoked' },
  CERTIFICATE_HOLD_OWNED_BY_ACCOUNT: {
    kind: 'conflict',
    message: 'The hold was placed by the suspension of VPN account {vpnAccountId}: resume the account, which checks the provisioning gate',
  },
  CERTIFICATE_NOT_FOUND: { kind: 'not_found', message: 'certificate {id} does not exist' },
  CERTIFICATE_NOT_ON_HOLD: { kind: 'conflict', message: 'The certificate is not on hold' },
  CERTIFICATE_STATE_CHANGED: { kind: 'conflict', message: 'The certificate changed while it was being revoked; look at it again' },
  CSR_KEY_TOO_WEAK: { kind: 'rule', message: 'The RSA key has {keyBits} bits; at least {minBits} are required' },
  CSR_KEY_UNSUPPORTED: { kind: 'rule', message: 'Only RSA keys are accepted (this request has a {keyType} key)' },
  CSR_MALFORMED: { kind: 'validation', message: 'The certificate request is not a valid PKCS#10 request: {reason}' },
  CSR_SIGNATURE_INVALID: { kind: 'rule', message: 'The request is signed with an algorithm that is not accepted (use RSA with SHA-256 or stronger)' },
  CSR_SUBJECT_MISMATCH: { kind: 'rule', message: 'The request subject CN must be exactly the VPN username "{expectedCn}"' },
  INVALID_ASSET_TAG: { kind: 'validation', message: 'The asset tag is not valid' },
  INVALID_HOST_NAME: { kind: 'validation', message: 'The host name is not valid' },
  INVALID_IP_ADDRESS: { kind: 'validation', message: 'An IP address is not valid' },
  INVALID_REVOCATION_REASON: { kind: 'validation', message: 'The revocation reason is not valid' },
  INVALID_SERIAL: { kind: 'validation', message: 'The serial number is not valid' },
  INVALID_USERNAME: { kind: 'validation', message: 'The VPN username is not valid' },
  PKI_NOT_READY: { kind: 'unavailable', message: 'The certificate authority is not loaded yet; try again in a moment' },
  SERVER_CERTIFICATE_ADMIN_ONLY: { kind: 'forbidden', message: 'Only an administrator can revoke a gateway certificate: every VPN user depends on it' },
});

export type PkiErrorCode = keyof typeof PKI_ERRORS;
