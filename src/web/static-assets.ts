import express, { Express } from 'express';
import * as path from 'node:path';
import { projectRoot, webDir } from './web-paths';

/**
 * Scripts, styles and the chart library, served from this service (no CDN: the municipality's network may not
 * reach one). Public: they contain no data.
 *
 * A file that is not there falls through to the router's 404 (the usual error body). serve-static's own error
 * for it is not exposable: it would become a 500 whose log names the file's absolute path on the server.
 */
export function mountStaticAssets(app: Express): void {
  const options = { fallthrough: true, index: false, maxAge: '1h', dotfiles: 'deny' as const };
  app.use('/ui/assets', express.static(path.join(webDir(), 'assets'), options));
  // Browsers ask /favicon.ico of every origin whatever the page links: the same SVG the pages link, no 404 in the console.
  app.get('/favicon.ico', (_req, res, next) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').sendFile(path.join(webDir(), 'assets', 'favicon.svg'), (err) => {
      if (err && !res.headersSent) {
        res.removeHeader('Cache-Control');
        next();
      }
    });
  });
  app.get('/ui/vendor/chart.umd.js', (_req, res, next) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/javascript').sendFile(path.join(projectRoot(), 'node_modules', 'chart.js', 'dist', 'chart.umd.js'), (err) => {
      if (err && !res.headersSent) {
        res.removeHeader('Cache-Control');
        next();
      }
    });
  });
}
