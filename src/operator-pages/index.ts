/**
 * The public face of the operator-pages feature: all that other features (and the composition root) may import from it.
 * Everything else under src/operator-pages/ is private (eslint-rules/feature-boundaries.js).
 */
export { OperatorPagesModule } from './operator-pages.module';
