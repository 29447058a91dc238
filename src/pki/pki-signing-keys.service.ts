import { Injectable, Logger } from '@nestjs/common';
import { KeyObject, createPublicKey, generateKeyPair, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { CaStore } from './ca-store';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeyPurpose, SigningKeys } from './signing-keys.port';
import { decryptKey, encryptKey } from './x509/ca-material';

const generateKeyPairAsync = promisify(generateKeyPair);
const ALGORITHM = 'ecdsa-p256-sha256';

interface LoadedKey {
  privateKey: KeyObject;
  publicKeyPem: string;
}

/**
 * The signing keys behind the SigningKeys port. Opening the stored key costs a key derivation (PBKDF2, ~0.15 s), so
 * each purpose's key is opened once per process and kept in memory, like the CA key.
 */
@Injectable()
export class PkiSigningKeys extends SigningKeys {
  private readonly logger = new Logger('Pki');
  private readonly loaded = new Map<SigningKeyPurpose, Promise<LoadedKey>>();

  constructor(
    private readonly repository: SigningKeyRepository,
    private readonly ca: CaStore,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {
    super();
  }

  async publicKeyPem(purpose: SigningKeyPurpose): Promise<string> {
    return (await this.key(purpose)).publicKeyPem;
  }

  async sign(purpose: SigningKeyPurpose, data: Buffer): Promise<Buffer> {
    return sign('sha256', data, { key: (await this.key(purpose)).privateKey, dsaEncoding: 'der' });
  }

  private key(purpose: SigningKeyPurpose): Promise<LoadedKey> {
    let loading = this.loaded.get(purpose);
    if (!loading) {
      loading = this.load(purpose);
      this.loaded.set(purpose, loading);
      loading.catch(() => this.loaded.delete(purpose));
    }
    return loading;
  }

  private async load(purpose: SigningKeyPurpose): Promise<LoadedKey> {
    let row = await this.repository.find(purpose);
    if (!row) {
      const { privateKey, publicKey } = await generateKeyPairAsync('ec', { namedCurve: 'prime256v1' });
      const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const candidate = {
        purpose,
        algorithm: ALGORITHM,
        publicKeyPem,
        encryptedKeyPem: await encryptKey(privateKey, this.ca.passphrase()),
        createdAt: this.clock.nowIso(),
      };
      await this.uow.run((tx) => this.repository.insertIfAbsent(tx, candidate));
      row = await this.repository.find(purpose);
      if (!row) throw new Error(`the ${purpose} signing key vanished after it was created`);
      this.logger.log({ purpose, algorithm: ALGORITHM, createdHere: row.publicKeyPem === publicKeyPem }, 'signing key stored');
    }
    const privateKey = await decryptKey(row.encryptedKeyPem, this.ca.passphrase());
    // the stored public key must be the private key's own (a row edited by hand would sign what nobody can verify)
    const derived = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    if (derived !== row.publicKeyPem) throw new Error(`the stored ${purpose} public key does not match its private key`);
    return { privateKey, publicKeyPem: row.publicKeyPem };
  }
}
