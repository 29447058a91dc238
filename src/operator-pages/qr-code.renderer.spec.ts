import * as QRCode from 'qrcode';
import { QrCodeRenderer } from './qr-code.renderer';

/** Reads the dark modules back out of the SVG path ("M x y.5 h n m dx 0 h n …", one run of modules per h). */
function darkModules(svg: string, margin: number): Set<string> {
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const dark = new Set<string>();
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === 'M') {
      x = Number(a);
      y = Math.floor(Number(b));
    } else if (op === 'm') {
      x += Number(a);
    } else {
      for (let i = 0; i < Number(a); i++) dark.add(`${y - margin},${x - margin + i}`);
      x += Number(a);
    }
  }
  return dark;
}

describe('QR codes for asset labels', () => {
  const renderer = new QrCodeRenderer();

  it('draws exactly the symbol that encodes the asset tag, in the order asked', async () => {
    const tags = ['INV-0001234', 'PO-0000007', 'tag with spaces/and:punctuation'];
    const codes = await renderer.render(tags);
    expect(codes.map((c) => c.value)).toEqual(tags);
    for (const code of codes) {
      const symbol = QRCode.create(code.value, { errorCorrectionLevel: 'M' });
      const expected = new Set<string>();
      for (let r = 0; r < symbol.modules.size; r++) for (let c = 0; c < symbol.modules.size; c++) if (symbol.modules.get(r, c)) expected.add(`${r},${c}`);
      expect(darkModules(code.svg, 2)).toEqual(expected);
      expect(code.svg).toMatch(new RegExp(`^<svg [^>]*viewBox="0 0 ${symbol.modules.size + 4} ${symbol.modules.size + 4}"`));
    }
  });

  it('puts no text in the SVG, so a value can never inject markup into the labels page', async () => {
    const [code] = await renderer.render(['<script>alert(1)</script>']);
    expect(code.svg).not.toContain('script');
    expect(code.svg).not.toContain('alert');
  });
});
