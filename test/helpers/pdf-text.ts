import { inflateSync } from 'node:zlib';

/** Pages of a PDF: the `/Type /Page` objects (not `/Pages`, the tree's node). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/**
 * The text shown on each page of a pdfkit document, in content-stream order: the (Flate) streams inflated and
 * their hex strings decoded (pdfkit writes the standard fonts' text as `<hex> Tj` in WinAnsi).
 */
export function pdfStreamsText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let body: Buffer = pdf.subarray(start, end);
    try {
      body = inflateSync(body);
    } catch {
      // not compressed (or not Flate): keep as is
    }
    const content = body.toString('latin1');
    const hex = [...content.matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1'));
    const literal = [...content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)].map((l) => l[1]);
    texts.push([...hex, ...literal].join(''));
    re.lastIndex = end + 'endstream'.length;
  }
  return texts;
}
