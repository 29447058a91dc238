import { DomainError } from '../../common/errors/domain-error';
import { assertIsPdf, assertUploadMatchesSignatures } from './signed-document.policy';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a domain error';
  }
}

describe('the signed document', () => {
  it('is a PDF: it starts with %PDF-', () => {
    expect(codeOf(() => assertIsPdf(Buffer.from('%PDF-1.7\n...')))).toBeNull();
    expect(codeOf(() => assertIsPdf(Buffer.from('PK\u0003\u0004 a zip')))).toBe('SIGNED_DOCUMENT_NOT_PDF');
    expect(codeOf(() => assertIsPdf(Buffer.from(' %PDF-1.7')))).toBe('SIGNED_DOCUMENT_NOT_PDF');
    expect(codeOf(() => assertIsPdf(Buffer.alloc(0)))).toBe('SIGNED_DOCUMENT_NOT_PDF');
  });

  it('replaces an earlier upload while nobody has signed', () => {
    expect(codeOf(() => assertUploadMatchesSignatures({ documentSha256: null, employeeSignedAt: null, managerSignatureRecordedAt: null }, A))).toBeNull();
    expect(codeOf(() => assertUploadMatchesSignatures({ documentSha256: B, employeeSignedAt: null, managerSignatureRecordedAt: null }, A))).toBeNull();
  });

  it('once a signature carries a hash, only the document with that hash is accepted', () => {
    const employeeSigned = { documentSha256: B, employeeSignedAt: '2026-03-01T10:00:00.000Z', managerSignatureRecordedAt: null };
    expect(codeOf(() => assertUploadMatchesSignatures(employeeSigned, A))).toBe('DOCUMENT_HASH_MISMATCH');
    expect(codeOf(() => assertUploadMatchesSignatures(employeeSigned, B))).toBeNull();
    const countersigned = { documentSha256: B, employeeSignedAt: null, managerSignatureRecordedAt: '2026-03-01T10:00:00.000Z' };
    expect(codeOf(() => assertUploadMatchesSignatures(countersigned, A))).toBe('DOCUMENT_HASH_MISMATCH');
  });
});
