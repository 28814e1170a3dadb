import { css } from 'lit';
import { menuStyles } from '../menu.js';
import { controlStyles, themeStyles } from '../theme.js';

export const trainerStyles = [
  themeStyles,
  controlStyles,
  menuStyles,
  css`
    /* !important: a page's \`* { padding: 0; border: 0 }\` reset reaches the host. */
    :host {
      display: block;
      padding: 0.75em !important;
      border: 1px solid var(--_border) !important;
      border-radius: 6px;
      /* Far out of view, the browser neither lays out nor paints what is inside: on a page of
         a dozen trainers that was most of the main thread while they trained. Skipped, the
         trainer keeps the size it last had, or, never shown yet, about that of one with its
         two charts side by side. */
      content-visibility: auto;
      contain-intrinsic-size: auto 40em auto 36em;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 1rem;
      margin-bottom: 0.75rem;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.75rem;
      align-items: center;
    }
    legend::first-letter,
    .field > span:first-child::first-letter {
      text-transform: uppercase;
    }
    legend,
    .field > span:first-child {
      display: block;
      font-size: 0.85em;
      color: var(--_muted);
      margin-bottom: 0.15rem;
      padding: 0;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      cursor: pointer;
    }
    .field {
      display: flex;
      flex-direction: column;
    }
    .pair {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    input[type='number'] {
      width: 6.5rem;
    }
    input[type='range'] {
      width: 8rem;
      accent-color: var(--_accent);
    }
    input[type='checkbox'] {
      accent-color: var(--_accent);
      margin: 0;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    button {
      padding: 0.35em 0.9em;
    }
    button.primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_accent-fg);
    }
    button:disabled {
      opacity: 0.45;
      cursor: default;
    }
    .copied:empty {
      display: none;
    }
    .status {
      flex: 1 1 16em;
      font-variant-numeric: tabular-nums;
    }
    .progress {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
      margin-top: 0.5rem;
      font-variant-numeric: tabular-nums;
      font-size: 0.9em;
    }
    .bar {
      flex: 1 1 10em;
      display: flex;
    }
    progress {
      width: 100%;
      height: 0.5em;
      accent-color: var(--_accent);
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 24em), 1fr));
      gap: 0.75em;
      margin-top: 0.75em;
    }
    .error {
      margin-top: 0.5em;
      padding: 0.5em 0.75em;
      border-left: 4px solid var(--_error);
      color: var(--_error);
      background: var(--_error-bg);
    }
    .notice {
      margin-top: 0.5em;
      color: var(--_muted);
    }
    /* A wide table scrolls inside the trainer on a phone rather than spilling out of it. */
    .scroll {
      max-width: 100%;
      overflow-x: auto;
    }
    table {
      margin-top: 0.75rem;
      border-collapse: collapse;
      font-variant-numeric: tabular-nums;
      font-size: 0.9em;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding-bottom: 0.25rem;
    }
    th,
    td {
      padding: 0.2rem 0.6rem;
      border-bottom: 1px solid var(--_border);
      text-align: right;
    }
    th[scope='row'],
    thead th:first-child {
      text-align: left;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `,
];
