import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css';
import { chartThemeStyles, controlStyles, themeStyles } from '../theme.js';
import { chartColumnStyles, chartFooterStyles } from './chart-footer.js';

/** The styles of every chart: the theme, uPlot's own CSS (it must live in the shadow root), the frame. */
export const chartStyles = [
  themeStyles,
  controlStyles,
  chartThemeStyles,
  unsafeCSS(uplotCss),
  chartFooterStyles,
  chartColumnStyles,
  css`
    /*
     * The plot takes what the legend and footer leave of a height the page gives
     * the element (style="height: 220px"); with none, the plot is half as tall as it
     * is wide, 12em to 24em (50cqw: the host is the container).
     */
    .plot {
      position: relative;
      width: 100%;
      flex: 1 1 var(--rnn-lab-chart-height, clamp(12em, 50cqw, 24em));
      min-height: 0;
      /* Not visible: so the canvas inside never props the frame open while it shrinks. */
      overflow: hidden;
    }
    .legend {
      flex: none;
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
    /* Compact: in a box of fixed height, every line of legend is taken from the plot. */
    .legend .u-series > * {
      padding: 1px 3px;
    }
    .legend .u-inline tr {
      margin-right: 0.75em;
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
  `,
];
