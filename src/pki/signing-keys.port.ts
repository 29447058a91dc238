/** What the service signs with a key of its own, one key per purpose. */
export const SIGNING_KEY_PURPOSES = ['gateway-allow-list'] as const;
export type SigningKeyPurpose = (typeof SIGNING_KEY_PURPOSES)[number];

/**
 * The PKI's port for documents the service signs itself (not certificates): the VPN gateways' allow-list. ECDSA
 * P-256 with SHA-256; the key is made on first use and kept as the CA key is (encrypted under CA_PASSPHRASE); the
 * public key is what the signed document's readers verify with (`openssl dgst -sha256 -verify key.pem -signature
 * sig.bin body`). Implemented in the PKI module (PkiSigningKeys).
 */
export abstract class SigningKeys {
  /** The public key (PEM, SubjectPublicKeyInfo) that verifies this purpose's signatures. */
  abstract publicKeyPem(purpose: SigningKeyPurpose): Promise<string>;

  /** The DER-encoded ECDSA signature over SHA-256 of `data`. */
  abstract sign(purpose: SigningKeyPurpose, data: Buffer): Promise<Buffer>;
}
