import { css, unsafeCSS } from 'lit';

/** The public `--rnn-lab-*` colours, light and dark defaults. */
const COLOURS = {
  fg: ['#1f2328', '#e6edf3'],
  bg: ['#ffffff', '#0d1117'],
  muted: ['#59636e', '#9198a1'],
  border: ['#d1d9e0', '#3d444d'],
  accent: ['#0969da', '#4493f8'],
  'accent-fg': ['#ffffff', '#0d1117'],
  error: ['#b3261e', '#ff8a80'],
  'error-bg': ['#fdecea', '#3b1412'],
} as const;

/**
 * The one colour table of the charts: one colour per model (the same in every
 * chart), and the two parts of the data. Only the charts declare and read these.
 */
const CHART_COLOURS = {
  gru: ['#1f77b4', '#58a6ff'],
  lstm: ['#d62728', '#ff7b72'],
  rnn: ['#2ca02c', '#3fb950'],
  mlp: ['#9467bd', '#d2a8ff'],
  train: ['#8fb3d9', '#3f5f80'],
  test: ['#f5a55c', '#9a6233'],
} as const;

/** Every themed colour's name: `--rnn-lab-NAME` on the page, `--_NAME` inside. */
export type ColourName = keyof typeof COLOURS | keyof typeof CHART_COLOURS;
/** The names the charts resolve: the shared colours and their own. */
export const CHART_THEME_NAMES = [...Object.keys(COLOURS), ...Object.keys(CHART_COLOURS)] as ColourName[];

const declarations = (scheme: 0 | 1, table: Record<string, readonly string[]> = COLOURS) =>
  unsafeCSS(Object.entries(table).map(([name, values]) => `--_${name}: var(--rnn-lab-${name}, ${values[scheme]});`).join('\n'));

/**
 * Theme of every element: each `--rnn-lab-*` custom property, set by the page on
 * the element or any ancestor, else its default on `:host` (light or dark, after
 * `prefers-color-scheme`). Styles read the resolved `--_*` names.
 *
 * The elements live in pages whose CSS we do not control (demo/cms.html): every
 * inherited text property is set here rather than taken from the page, sizes are
 * `medium` and `em` (a `html { font-size: 62.5% }` theme would shrink `rem`), and
 * `box-sizing` is `!important` because a page's `* { box-sizing: … }` reaches the host.
 */
export const themeStyles = css`
  :host {
    ${declarations(0)}
    box-sizing: border-box !important;
    font-family: var(--rnn-lab-font, system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    font-size: var(--rnn-lab-font-size, medium);
    font-style: normal;
    font-weight: normal;
    font-variant: normal;
    line-height: 1.4;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    cursor: auto;
    color: var(--_fg);
    background: var(--_bg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${declarations(1)}
    }
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
`;

/** The charts' own colours on `:host`, light and dark defaults, after `themeStyles`. */
export const chartThemeStyles = css`
  :host {
    ${declarations(0, CHART_COLOURS)}
  }
  @media (prefers-color-scheme: dark) {
    :host {
      ${declarations(1, CHART_COLOURS)}
    }
  }
`;

/** Buttons and form fields of every element: the theme's colours, and one focus ring. */
export const controlStyles = css`
  button,
  select,
  input[type='number'] {
    font: inherit;
    padding: 0.2em 0.6em;
    border: 1px solid var(--_border);
    border-radius: 4px;
    background: var(--_bg);
    color: var(--_fg);
  }
  button {
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;

/**
 * Every `--rnn-lab-*` colour of one scheme, as a page sets them to force that
 * scheme whatever the reader's preference (embed.html's `theme=dark`).
 */
export function schemeProperties(scheme: 'light' | 'dark'): Record<string, string> {
  const index = scheme === 'dark' ? 1 : 0;
  return Object.fromEntries(Object.entries({ ...COLOURS, ...CHART_COLOURS }).map(([name, values]) => [`--rnn-lab-${name}`, values[index]]));
}
