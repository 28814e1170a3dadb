import { css } from 'lit';
import { controlStyles, themeStyles } from '../theme.js';

export const unrollDiagramStyles = [
  themeStyles,
  controlStyles,
  css`
    :host {
      display: block;
      min-width: 0;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      margin-bottom: 0.5em;
    }
    .modes {
      display: inline-flex;
      gap: 0.25em;
    }
    button[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_accent-fg);
      border-color: var(--_accent);
    }
    /* Scrolls sideways only when every step of a long sequence is shown. */
    .frame {
      overflow-x: auto;
    }
    /* As wide as the element, but never so small that its labels cannot be read, nor larger than twice its size. */
    svg {
      display: block;
      width: 100%;
      max-width: 48em;
      height: auto;
      font-size: 12px;
    }
    .node rect {
      fill: var(--_bg);
      stroke: var(--_border);
      stroke-width: 1.5;
    }
    .node.hidden rect {
      stroke: var(--_fg);
    }
    text {
      fill: var(--_fg);
      text-anchor: middle;
    }
    .symbol {
      font-size: 13px;
    }
    .value {
      font-size: 10px;
      font-variant-numeric: tabular-nums;
    }
    .row-name {
      text-anchor: start;
      fill: var(--_muted);
      font-size: 11px;
    }
    .ellipsis {
      font-size: 14px;
    }
    .arrow line {
      stroke: var(--_fg);
      stroke-width: 1.5;
    }
    .arrow polygon {
      fill: var(--_fg);
    }
    .arrow.coloured line {
      stroke: inherit;
      stroke-width: 3;
    }
    .arrow.coloured polygon {
      fill: inherit;
    }
    .arrow.carried line {
      stroke-dasharray: 5 4;
    }
    .compare {
      stroke: var(--_muted);
      stroke-width: 1.5;
      stroke-dasharray: 2 3;
    }
    .feedback {
      fill: none;
      stroke: var(--_accent);
      stroke-width: 1.5;
    }
    .caption {
      margin: 0.4em 0 0;
      font-size: 0.85em;
      color: var(--_muted);
    }
  `,
];
