import { css } from 'lit';
import { chartColumnStyles, chartFooterStyles } from '../chart/chart-footer.js';
import { controlStyles, themeStyles } from '../theme.js';
import { colourBarStyles } from './heatmap.js';

export const gateChartStyles = [
  themeStyles,
  controlStyles,
  chartFooterStyles,
  chartColumnStyles,
  colourBarStyles,
  css`
    /* Given a height, the heatmaps share what the picker, hover line and footer leave. */
    .picker,
    .hover {
      flex: none;
    }
    .heatmaps {
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .picker {
      display: inline-flex;
      gap: 0.5em;
      align-items: center;
      margin-bottom: 0.5em;
    }
    .row {
      flex: 1 1 4.5em;
      min-height: 0;
      display: grid;
      grid-template-columns: 9em 1fr 8em;
      grid-template-rows: minmax(0, 1fr);
      align-items: center;
      gap: 0.5em;
      margin-bottom: 0.35em;
    }
    .name {
      font-size: 0.85em;
      color: var(--_muted);
    }
    canvas.heat {
      width: 100%;
      height: 100%;
      min-height: 0;
      box-sizing: border-box;
      border: 1px solid var(--_border);
      image-rendering: pixelated;
    }
    .legend {
      display: flex;
      align-items: center;
      gap: 0.3em;
      font-size: 0.75em;
      font-variant-numeric: tabular-nums;
    }
    .bar {
      flex: 1;
      min-width: 2em;
      height: 0.8em;
    }
    .axis,
    .hover,
    .empty {
      font-size: 0.8em;
      color: var(--_muted);
    }
    .axis {
      margin-left: 9.5em;
    }
    .hover {
      min-height: 1.4em;
      font-variant-numeric: tabular-nums;
    }
    .row {
      overflow: hidden;
    }
    .axis {
      flex: none;
    }
    @container (max-width: 30em) {
      .row {
        grid-template-columns: 5em 1fr 6.5em;
      }
      .axis {
        margin-left: 0;
      }
    }
    @container (max-width: 18em) {
      .row {
        flex-basis: 7.5em;
        grid-template-columns: 1fr;
        grid-template-rows: auto minmax(0, 1fr) auto;
      }
      .axis {
        margin-left: 0;
      }
    }
  `,
];
