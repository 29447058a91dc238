import express, { Express } from 'express';
import * as path from 'node:path';
import { projectRoot, webDir } from './web-paths';

/**
 * Scripts, styles and the chart library, served from this service (no CDN: the municipality's network may not
 * reach one). Public: they contain no data.
 */
export function mountStaticAssets(app: Express): void {
  const options = { fallthrough: false, index: false, maxAge: '1h', dotfiles: 'deny' as const };
  app.use('/ui/assets', express.static(path.join(webDir(), 'assets'), options));
  app.get('/ui/vendor/chart.umd.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/javascript').sendFile(path.join(projectRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.js'));
  });
}
