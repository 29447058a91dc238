/**
 * The public face of the metrics feature: all that other features (and the composition root) may import from it.
 * Everything else under src/metrics/ is private (eslint-rules/feature-boundaries.js).
 */
export { MetricsModule } from './metrics.module';
export { MetricsService } from './metrics.service';
