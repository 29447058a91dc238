import type { Response } from 'express';
import { webFile } from './web-paths';

/**
 * Sends one of the HTML pages in web/. Pages are shells: they hold no data and fetch everything from the JSON
 * API with the session cookie, so every action goes through the same rules as the HTTP contract.
 */
export function sendPage(res: Response, name: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').sendFile(webFile(name));
}
