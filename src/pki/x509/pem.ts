/** PEM armour (RFC 7468): base64 in 64-character lines between BEGIN/END lines with a label. */
export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  der: Buffer;
}

/** Every PEM block in a text, in order; text outside the blocks (openssl's "Bag Attributes" etc.) is ignored. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const body = m[2].replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) continue;
    out.push({ label: m[1], der: Buffer.from(body, 'base64') });
  }
  return out;
}

/** The single block with one of the labels, or null when there is none or more than one. */
export function singlePem(text: string, labels: string[]): Buffer | null {
  const blocks = pemBlocks(text).filter((b) => labels.includes(b.label));
  return blocks.length === 1 ? blocks[0].der : null;
}
