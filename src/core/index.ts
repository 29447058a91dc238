/**
 * The public face of the core feature: all that other features (and the composition root) may import from it.
 * Everything else under src/core/ is private (eslint-rules/feature-boundaries.js).
 */
export { CoreModule, CoreOptions } from './core.module';
