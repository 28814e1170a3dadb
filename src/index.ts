/**
 * rnn-lab: importing this module registers `<rnn-trainer>`, `<loss-chart>`,
 * `<prediction-chart>`, `<gate-chart>`, `<gradient-chart>` and `<unroll-diagram>`.
 * Registration is guarded, so a second copy of the library on the page does not throw.
 * This is the npm module (dist/rnn-lab.js), for bundlers, which split it as the app needs.
 */
import { GateChart } from './elements/gate-chart/gate-chart.js';
import { GradientChart } from './elements/gradient-chart/gradient-chart.js';
import { UnrollDiagram } from './elements/unroll-diagram/unroll-diagram.js';
import { define } from './elements/registry.js';

export * from './library.js';

define('gate-chart', GateChart);
define('gradient-chart', GradientChart);
define('unroll-diagram', UnrollDiagram);

export { GateChart, GradientChart, UnrollDiagram };
