/**
 * dist/cdn/rnn-lab.js, the module a page loads with `<script type="module">`: what
 * src/index.ts exports, except that `<gate-chart>`, `<gradient-chart>` and
 * `<unroll-diagram>` are lazy chunks, loaded (from beside this file, any origin)
 * the first time the document has such an element. Their classes are not exported:
 * `await customElements.whenDefined('gate-chart')` gives one once it is in use.
 */
import { defineOnUse } from '../elements/registry.js';

export * from '../library.js';

/**
 * Registers the optional elements found in `root`, a shadow root of the page's own
 * (the document itself is watched already).
 */
export const discoverElements = defineOnUse({
  'gate-chart': () => import('../elements/gate-chart/gate-chart.js').then((m) => m.GateChart),
  'gradient-chart': () => import('../elements/gradient-chart/gradient-chart.js').then((m) => m.GradientChart),
  'unroll-diagram': () => import('../elements/unroll-diagram/unroll-diagram.js').then((m) => m.UnrollDiagram),
});

export type { GateChart } from '../elements/gate-chart/gate-chart.js';
export type { GradientChart } from '../elements/gradient-chart/gradient-chart.js';
export type { UnrollDiagram } from '../elements/unroll-diagram/unroll-diagram.js';
