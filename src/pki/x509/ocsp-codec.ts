import { KeyObject, sign } from 'node:crypto';
import {
  DerError,
  DerNode,
  bitString,
  children,
  content,
  context,
  enumerated,
  expectTag,
  generalizedTime,
  nullValue,
  octetString,
  oid,
  raw,
  readOid,
  readRoot,
  sequence,
  tlv,
  TAG,
} from './der';
import { OID } from './oids';

/**
 * OCSP (RFC 6960) request parsing and response writing. The structures are small and fixed, so they are
 * written with the Buffer DER writer; the response is signed natively by the CA key (the CA answers for
 * itself, so no delegated responder certificate is needed).
 */

const HASHES: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export const MAX_OCSP_REQUEST_BYTES = 16 * 1024;
const MAX_CERT_IDS = 20;

export interface OcspCertId {
  /** Node hash name, or null when the algorithm is not one we compute (answered as unknown). */
  hash: string | null;
  issuerNameHash: Buffer;
  issuerKeyHash: Buffer;
  /** Canonical serial (lowercase hex), or null for a non-positive serial (answered as unknown). */
  serialHex: string | null;
  /** The CertID exactly as received: a response must repeat it. */
  der: Buffer;
}

export interface OcspRequest {
  certIds: OcspCertId[];
  /** The whole nonce Extension as received, to echo back. */
  nonceExtension: Buffer | null;
}

export class OcspMalformed extends Error {}

function parseCertId(node: DerNode): OcspCertId {
  const [alg, nameHash, keyHash, serial] = children(expectTag(node, TAG.SEQUENCE, 'CertID'));
  const hashOid = readOid(children(expectTag(alg, TAG.SEQUENCE, 'hashAlgorithm'))[0]);
  const serialBytes = content(expectTag(serial, TAG.INTEGER, 'serialNumber'));
  const positive = serialBytes.length > 0 && !(serialBytes[0] & 0x80);
  const value = positive ? BigInt(`0x${serialBytes.toString('hex')}`) : 0n;
  return {
    hash: HASHES[hashOid] ?? null,
    issuerNameHash: Buffer.from(content(expectTag(nameHash, TAG.OCTET_STRING, 'issuerNameHash'))),
    issuerKeyHash: Buffer.from(content(expectTag(keyHash, TAG.OCTET_STRING, 'issuerKeyHash'))),
    serialHex: value > 0n ? value.toString(16) : null,
    der: Buffer.from(raw(node)),
  };
}

export function parseOcspRequest(der: Buffer): OcspRequest {
  try {
    if (der.length === 0 || der.length > MAX_OCSP_REQUEST_BYTES) throw new DerError('size');
    const [tbs] = children(expectTag(readRoot(der), TAG.SEQUENCE, 'OCSPRequest'));
    const fields = children(expectTag(tbs, TAG.SEQUENCE, 'TBSRequest'));
    const list = fields.find((f) => f.tag === TAG.SEQUENCE);
    if (!list) throw new DerError('no requestList');
    const requests = children(list);
    if (requests.length === 0 || requests.length > MAX_CERT_IDS) throw new DerError('requestList size');
    const certIds = requests.map((r) => parseCertId(children(expectTag(r, TAG.SEQUENCE, 'Request'))[0]));
    let nonceExtension: Buffer | null = null;
    const extsWrapper = fields.find((f) => f.tag === context(2, true));
    if (extsWrapper) {
      for (const ext of children(children(extsWrapper)[0])) {
        if (readOid(children(ext)[0]) === OID.ocspNonce) nonceExtension = Buffer.from(raw(ext));
      }
    }
    return { certIds, nonceExtension };
  } catch (err) {
    throw new OcspMalformed(err instanceof Error ? err.message : 'malformed');
  }
}

export type CertStatus = { status: 'good' } | { status: 'revoked'; revokedAt: Date; reasonCode: number | null } | { status: 'unknown' };

export interface SingleResponse {
  certIdDer: Buffer;
  status: CertStatus;
}

export interface OcspResponseSpec {
  responses: SingleResponse[];
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate?: Date;
  nonceExtension?: Buffer | null;
  /** SHA-1 of the CA's subjectPublicKey bits (ResponderID byKey). */
  responderKeyHash: Buffer;
  privateKey: KeyObject;
}

function certStatus(s: CertStatus): Buffer {
  if (s.status === 'good') return Buffer.from([context(0, false), 0]);
  if (s.status === 'unknown') return Buffer.from([context(2, false), 0]);
  const reason = s.reasonCode === null ? [] : [tlv(context(0, true), enumerated(s.reasonCode))];
  return tlv(context(1, true), generalizedTime(s.revokedAt), ...reason);
}

export function buildOcspResponse(spec: OcspResponseSpec): Buffer {
  const singles = spec.responses.map((r) =>
    sequence(
      r.certIdDer,
      certStatus(r.status),
      generalizedTime(spec.thisUpdate),
      ...(spec.nextUpdate ? [tlv(context(0, true), generalizedTime(spec.nextUpdate))] : []),
    ),
  );
  const tbs = sequence(
    tlv(context(2, true), octetString(spec.responderKeyHash)),
    generalizedTime(spec.producedAt),
    sequence(...singles),
    ...(spec.nonceExtension ? [tlv(context(1, true), sequence(spec.nonceExtension))] : []),
  );
  const signature = sign('sha256', tbs, spec.privateKey);
  const basic = sequence(tbs, sequence(oid(OID.sha256WithRSAEncryption), nullValue()), bitString(signature));
  return sequence(enumerated(0), tlv(context(0, true), sequence(oid(OID.ocspBasic), octetString(basic))));
}

/** OCSPResponseStatus without responseBytes: 1 malformedRequest, 2 internalError, 3 tryLater, 6 unauthorized. */
export function ocspErrorResponse(status: 1 | 2 | 3 | 6): Buffer {
  return sequence(enumerated(status));
}
