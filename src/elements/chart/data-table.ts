import { html } from 'lit';
import { toCsv, type CsvCell } from '../../core/csv.js';

/** A cell: a number (formatted for reading, exact in CSV), a text, or empty. */
export type Cell = CsvCell;

/**
 * The numbers a chart draws, as rows: the accessible table and the CSV export are
 * both made from this, so they always agree with each other and with the plot.
 */
export interface TableData {
  caption: string;
  /** Column headers; the first column heads the rows (epoch, t). */
  columns: string[];
  rows: Cell[][];
}

/** The table for reading, numbers formatted by `format` (the element's language). */
export function renderTable(data: TableData, format: (value: number) => string) {
  const text = (cell: Cell) => (typeof cell === 'number' ? format(cell) : cell ?? '');
  return html`<table>
    <caption>${data.caption}</caption>
    <thead><tr>${data.columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${data.rows.map(([head, ...cells]) => html`<tr>
      <th scope="row">${text(head)}</th>${cells.map((cell) => html`<td>${text(cell)}</td>`)}
    </tr>`)}</tbody>
  </table>`;
}

/** The table as CSV: the header, then every row, numbers at full precision. */
export function tableCsv(data: TableData): string {
  return toCsv([data.columns, ...data.rows]);
}
