/**
 * The public face of the manager-view feature: all that the composition root may import from it. Everything else
 * under src/manager-view/ is private (eslint-rules/feature-boundaries.js).
 */
export { ManagerViewModule } from './manager-view.module';
