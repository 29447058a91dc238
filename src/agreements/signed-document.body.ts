import type { Request } from 'express';
import { DomainError } from '../common/errors/domain-error';

/**
 * Reads an application/pdf request body (no body parser takes it: src/bootstrap.ts reads JSON, forms and the
 * text imports) up to `maxBytes`. The route's guard has run, so only an authenticated caller gets this far.
 * Past the limit the rest is not read and the connection is closed after the answer.
 */
export async function readPdfBody(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.is('application/pdf')) {
    throw new DomainError(
      'unsupported_media_type',
      'SIGNED_DOCUMENT_NOT_PDF',
      'The signed document must be a PDF (Content-Type application/pdf, starting with %PDF-)',
      {
        contentType: req.headers['content-type'] ?? null,
      },
    );
  }
  const tooLarge = () => {
    req.res?.setHeader('Connection', 'close');
    return new DomainError('payload_too_large', 'SIGNED_DOCUMENT_TOO_LARGE', `The signed document is larger than ${maxBytes} bytes`, { maxBytes });
  };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
