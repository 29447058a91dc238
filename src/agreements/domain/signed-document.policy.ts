import { DomainError, RuleViolation } from '../../common/errors/domain-error';

/** 10 MiB: a scanned agreement of a few pages at 300 dpi fits many times over. */
export const SIGNED_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/** A PDF file starts with `%PDF-` (ISO 32000-1 §7.5.2); anything else is refused whole. */
export function assertIsPdf(bytes: Buffer): void {
  if (bytes.length < PDF_MAGIC.length || !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    throw new DomainError(
      'unsupported_media_type',
      'SIGNED_DOCUMENT_NOT_PDF',
      'The signed document must be a PDF (Content-Type application/pdf, starting with %PDF-)',
      {
        size: bytes.length,
      },
    );
  }
}

export interface SignatureTrail {
  documentSha256: string | null;
  employeeSignedAt: string | null;
  managerSignatureRecordedAt: string | null;
}

/**
 * The uploaded document becomes the one the agreement's signatures refer to (`documentSha256`). Before anyone
 * signed it may replace an earlier upload (a wrong scan); once a signature is recorded with a hash, only the
 * document with that hash is accepted: both parties signed the same document, and it is this one.
 */
export function assertUploadMatchesSignatures(trail: SignatureTrail, sha256: string): void {
  const signed = trail.employeeSignedAt !== null || trail.managerSignatureRecordedAt !== null;
  if (signed && trail.documentSha256 !== null && trail.documentSha256 !== sha256) {
    throw new RuleViolation('DOCUMENT_HASH_MISMATCH', 'Both parties must sign the same document: the SHA-256 differs from the one already signed', {
      expected: trail.documentSha256,
      given: sha256,
    });
  }
}
