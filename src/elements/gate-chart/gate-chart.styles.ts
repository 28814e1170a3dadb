import { css } from 'lit';
import { controlStyles, themeStyles } from '../theme.js';

export const gateChartStyles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: block;
      min-width: 0;
    }
    .picker {
      display: inline-flex;
      gap: 0.5em;
      align-items: center;
      margin-bottom: 0.5em;
    }
    .row {
      display: grid;
      grid-template-columns: 9em 1fr 8em;
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
      height: 4.5em;
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
    canvas.scale {
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
    .footer {
      display: flex;
      gap: 0.5em;
      flex-wrap: wrap;
    }
    table {
      margin-top: 0.5em;
      border-collapse: collapse;
      font-size: 0.85em;
      font-variant-numeric: tabular-nums;
    }
    caption {
      text-align: left;
      font-weight: 600;
    }
    th,
    td {
      padding: 0.15em 0.5em;
      border-bottom: 1px solid var(--_border);
      text-align: right;
    }
    @media (max-width: 30em) {
      .row {
        grid-template-columns: 1fr;
      }
      .axis {
        margin-left: 0;
      }
    }
  `,
];
