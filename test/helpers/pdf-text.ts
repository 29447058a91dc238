import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as a reader sees it, read by Mozilla's pdf.js (pdfjs-dist, legacy build for Node).
 *
 * It replaced pdf-parse 1.x, which bundles pdf.js 1.10 (2017): about one CI run in ten, that copy rejected a PDF
 * whose bytes the same test had just checked against their SHA-256, with an exception whose message its stack hid.
 * A document that cannot be read fails here with pdf.js's own message.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;

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

interface TextItem {
  str?: string;
  transform?: number[];
}
interface PdfPage {
  getTextContent(): Promise<{ items: TextItem[] }>;
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info: Record<string, unknown> }>;
  destroy(): Promise<void>;
}
interface PdfJs {
  getDocument(src: object): { promise: Promise<PdfDocument> };
}

export interface PdfContent {
  /** each page's text: pieces on one line joined as they are, lines by a newline */
  pages: string[];
  /** each page's pieces of text in the order pdf.js gives them */
  pieces: string[][];
  info: Record<string, unknown>;
}

/** Lines as pdf-parse laid them out, so the assertions written against it still read the same text. */
function pageText(items: TextItem[]): string {
  let text = '';
  let lastY: number | undefined;
  for (const item of items) {
    if (item.str === undefined) continue;
    const y = item.transform?.[5];
    text += lastY === undefined || y === lastY ? item.str : `\n${item.str}`;
    lastY = y;
  }
  return text;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // pdf.js takes the data over (it may detach the buffer): give it a copy, never the caller's Buffer or Node's pool
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  let doc: PdfDocument;
  try {
    doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    throw new Error(`pdf.js could not read the PDF (${bytes.byteLength} bytes): ${err.name}: ${err.message}`);
  }
  try {
    const pages: string[] = [];
    const pieces: string[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { items } = await (await doc.getPage(n)).getTextContent();
      pages.push(pageText(items));
      pieces.push(items.flatMap((i) => (i.str === undefined ? [] : [i.str])));
    }
    const { info } = await doc.getMetadata();
    return { pages, pieces, info };
  } finally {
    await doc.destroy();
  }
}

/** The whole text of a PDF, whitespace collapsed (justified lines are padded with extra spaces). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { pages } = await readPdf(bytes);
  return pages.join('\n\n').replace(/\s+/g, ' ');
}
