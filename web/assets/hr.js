// @ts-check
import { renderLayout } from './layout.js';

await renderLayout();
