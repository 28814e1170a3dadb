import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { chartThemeStyles, controlStyles, themeStyles } from '../theme.js';

/** The styles of every chart: the theme, uPlot's own CSS (it must live in the shadow root), the frame. */
export const chartStyles = [
  themeStyles,
  controlStyles,
  chartThemeStyles,
  unsafeCSS(uplotCss),
  css`
    :host {
      display: block;
      min-width: 0;
    }
    .plot {
      position: relative;
      width: 100%;
      /* Wide and short on a desktop, taller than wide never; a fixed height if the page sets one. */
      height: var(--rnn-lab-chart-height, auto);
      aspect-ratio: 2 / 1;
      min-height: 12em;
      max-height: 24em;
      /* Not visible: so the canvas inside never props the frame open while it shrinks. */
      overflow: hidden;
    }
    .plot > .uplot {
      position: absolute;
      inset: 0;
      font-family: inherit;
    }
    .u-select {
      background: color-mix(in srgb, var(--_accent) 18%, transparent);
    }
    .u-hz .u-cursor-x {
      border-right-color: var(--_muted);
    }
    .u-hz .u-cursor-y {
      border-bottom-color: var(--_muted);
    }
    .legend .u-legend {
      font-size: 0.85em;
      color: var(--_fg);
    }
    /* Markers as samples of the line, so that dashed (test) and solid (train) tell apart. */
    .legend .u-series:not(.points) .u-marker {
      width: 1.75em;
      height: 0;
      border-width: 2px 0 0 0 !important;
      background: none !important;
    }
    .legend .points .u-marker {
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
    }
    /* The legend names the runs; values at the cursor appear while the pointer is on the plot. */
    .legend .u-value,
    .legend .u-inline.u-live th::after,
    .legend .u-series:first-child {
      display: none;
    }
    .plot:hover + .legend .u-value,
    .plot:hover + .legend .u-series:first-child {
      display: inline-block;
    }
    .plot:hover + .legend .u-inline.u-live th::after {
      display: inline;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25em 0.5em;
      margin-top: 0.25em;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .note {
      flex: 1 1 12em;
    }
    .table {
      max-height: 20em;
      overflow: auto;
      margin-top: 0.5em;
      border: 1px solid var(--_border);
    }
    .table table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.85em;
      font-variant-numeric: tabular-nums;
    }
    .table caption {
      text-align: start;
      padding: 0.35em 0.5em;
      color: var(--_fg);
    }
    .table th,
    .table td {
      padding: 0.15em 0.5em;
      text-align: end;
      border-top: 1px solid var(--_border);
      white-space: nowrap;
    }
    .table thead th {
      position: sticky;
      top: 0;
      background: var(--_bg);
    }
  `,
];
