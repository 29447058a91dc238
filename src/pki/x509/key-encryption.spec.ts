import { KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { KEY_ENCRYPTION_POLICY, decryptPrivateKey, encryptPrivateKey, keyEncryptionParams, meetsKeyEncryptionPolicy } from './key-encryption';

describe('the CA key at rest: PKCS #8 PBES2 with a current KDF', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const sameKey = (k: KeyObject) => expect(createPublicKey(k).export({ type: 'spki', format: 'der' })).toEqual(spki);

  it('writes PBKDF2-HMAC-SHA256 with 600,000 iterations, a 16-byte salt and AES-256-CBC, readable by OpenSSL', async () => {
    const pem = await encryptPrivateKey(privateKey, 'a passphrase for the CA');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(keyEncryptionParams(pem)).toEqual({
      scheme: 'PBES2',
      kdf: 'PBKDF2',
      prf: 'hmacWithSHA256',
      iterations: 600_000,
      saltBytes: 16,
      cipher: 'aes-256-cbc',
    });
    expect(meetsKeyEncryptionPolicy(keyEncryptionParams(pem))).toBe(true);
    sameKey(createPrivateKey({ key: pem, format: 'pem', passphrase: 'a passphrase for the CA' })); // OpenSSL, through Node
    sameKey(await decryptPrivateKey(pem, 'a passphrase for the CA'));
    await expect(decryptPrivateKey(pem, 'not the passphrase')).rejects.toThrow();
  });

  it("recognises Node's own PKCS #8 export (2,048 iterations) as below the policy, and still opens it", async () => {
    const old = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'older-passphrase' }) as string;
    expect(keyEncryptionParams(old)).toMatchObject({ scheme: 'PBES2', kdf: 'PBKDF2', prf: 'hmacWithSHA256', iterations: 2048, cipher: 'aes-256-cbc' });
    expect(meetsKeyEncryptionPolicy(keyEncryptionParams(old))).toBe(false);
    sameKey(await decryptPrivateKey(old, 'older-passphrase'));
    await expect(decryptPrivateKey(old, 'wrong')).rejects.toThrow();
  });

  it('treats fewer iterations, another cipher, a clear key or garbage as not meeting the policy', async () => {
    const few = await encryptPrivateKey(privateKey, 'p', 100_000);
    expect(keyEncryptionParams(few)?.iterations).toBe(100_000);
    expect(meetsKeyEncryptionPolicy(keyEncryptionParams(few))).toBe(false);
    sameKey(await decryptPrivateKey(few, 'p'));
    const aes128 = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'p' }) as string;
    expect(keyEncryptionParams(aes128)?.cipher).toBe('aes-128-cbc');
    sameKey(await decryptPrivateKey(aes128, 'p'));
    expect(meetsKeyEncryptionPolicy(keyEncryptionParams(aes128))).toBe(false);
    expect(keyEncryptionParams(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)).toBeNull();
    expect(keyEncryptionParams('-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n')).toBeNull();
    expect(meetsKeyEncryptionPolicy(null)).toBe(false);
    expect(KEY_ENCRYPTION_POLICY.iterations).toBeGreaterThanOrEqual(600_000);
  });
});
