/**
 * The public face of the web feature: all that other features (and the composition root) may import from it.
 * Everything else under src/web/ is private (eslint-rules/feature-boundaries.js).
 */
export { sendPage } from './page';
export { mountStaticAssets } from './static-assets';
export { WebModule } from './web.module';
