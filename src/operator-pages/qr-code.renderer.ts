import { Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';

export interface RenderedQrCode {
  value: string;
  svg: string;
}

/**
 * QR codes for printed labels. The code carries the asset tag and nothing else, so a handheld scanner reading
 * a label types the tag into any scan field of the pages (handover, return, search) like a barcode. Medium
 * error correction survives a scratched label; the quiet zone (margin) is what scanners need to lock on.
 */
@Injectable()
export class QrCodeRenderer {
  async render(values: readonly string[]): Promise<RenderedQrCode[]> {
    const out: RenderedQrCode[] = [];
    for (const value of values) {
      out.push({ value, svg: await QRCode.toString(value, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) });
    }
    return out;
  }
}
