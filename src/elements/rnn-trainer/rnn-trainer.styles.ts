import { css } from 'lit';
import { themeStyles } from '../theme.js';

export const trainerStyles = [
  themeStyles,
  css`
    /* !important: a page's \`* { padding: 0; border: 0 }\` reset reaches the host. */
    :host {
      display: block;
      padding: 0.75em !important;
      border: 1px solid var(--_border) !important;
      border-radius: 6px;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    button {
      font: inherit;
      padding: 0.35em 0.9em;
      border: 1px solid var(--_border);
      border-radius: 4px;
      background: var(--_bg);
      color: var(--_fg);
      cursor: pointer;
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
    button:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .status {
      flex: 1 1 16em;
      font-variant-numeric: tabular-nums;
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
  `,
];
