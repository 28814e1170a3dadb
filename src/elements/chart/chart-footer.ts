import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import type { MessageKey } from '../../i18n/translate.js';
import { download, downloadCsv } from '../download.js';
import { MenuController, menuStyles, type MenuItem } from '../menu.js';
import { renderTable, tableCsv, type TableData } from './data-table.js';

/** What a chart offers under its plot. */
export interface FooterSource {
  /** The numbers drawn, as a table (and CSV). */
  tableData(): TableData;
  /** The chart as a PNG image, when it can make one. */
  toPNG?(): Promise<Blob | null>;
}

/**
 * The line under every chart (loss, prediction, gates): a note, and one small menu
 * button with the table, the PNG and the CSV; and the table's box below it, shown
 * from that menu.
 */
export class ChartFooter {
  /** Whether the table is shown. */
  tableOpen = false;
  private readonly menu: MenuController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly i18n: LocalizeController,
    private readonly source: FooterSource,
    /** Exported files' name without extension, and the message key of the table's label. */
    private readonly names: () => { file: string; label: MessageKey },
  ) {
    this.menu = new MenuController(host);
  }

  toCSV(): string {
    return tableCsv(this.source.tableData());
  }

  private items(): MenuItem[] {
    const t = this.i18n.t.bind(this.i18n);
    const { file } = this.names();
    const png = this.source.toPNG?.bind(this.source);
    return [
      {
        label: t(this.tableOpen ? 'chart.table.hide' : 'chart.table.show'), part: 'menuitem table-toggle',
        controls: { id: 'table', expanded: this.tableOpen },
        run: () => {
          this.tableOpen = !this.tableOpen;
          this.host.requestUpdate();
        },
      },
      ...(png ? [{
        label: t('chart.download.png'), part: 'menuitem png',
        run: async () => {
          const blob = await png();
          if (blob) download(blob, `${file}.png`);
        },
      }] : []),
      {
        label: t('chart.download.csv'), part: 'menuitem csv',
        run: () => downloadCsv(this.toCSV(), `${file}.csv`),
      },
    ];
  }

  /** The footer line: `note`, then the menu button. */
  renderFooter(note: string | TemplateResult = ''): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<div part="footer" class="footer">
      <span class="note">${note}</span>
      ${this.menu.render('⋯', this.items(), { name: t('chart.menu'), part: 'button menu-button' })}
    </div>`;
  }

  /** The table's box (empty and hidden while closed). */
  renderTable(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<div part="table" class="table" id="table" role="region" aria-label=${t(this.names().label)} tabindex="0"
      ?hidden=${!this.tableOpen}>
      ${this.tableOpen ? renderTable(this.source.tableData(), this.i18n.numberFormatter({ maximumSignificantDigits: 6 })) : nothing}
    </div>`;
  }
}

/**
 * The column every chart (loss, prediction, gates) lays out in: its `.layout` fills a
 * height the page gives the host, and the footer keeps its own height under the plot.
 * The host is a size container, for the charts' `cqw` lengths.
 */
export const chartColumnStyles = css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }
  .layout {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .footer {
    flex: none;
  }
`;

/** The footer line, its menu and the table's box, the same under every chart. */
export const chartFooterStyles = [menuStyles, css`
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
      /* In a box of fixed height, the open table shares it with the plot and scrolls. */
      flex: 0 1 auto;
      min-height: 4em;
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
  .menu-button {
    padding: 0 0.6em;
    line-height: 1.4;
  }
`];
