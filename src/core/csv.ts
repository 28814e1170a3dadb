import { RnnLabError } from './errors.js';
import { DECIMAL as NUMBER } from './numbers.js';

/** Cells that are meant as numbers but are not finite: data errors, never a header. */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const FLOAT32_MAX = 3.4028234663852886e38;

/** One cell as written: its text (unquoted, unescaped) and whether it was quoted. */
interface Cell {
  text: string;
  quoted: boolean;
}

/** The separators rnn-lab reads, by preference: a line with a tab is tab-separated, and so on. */
const SEPARATORS = ['\t', ';', ','] as const;

/** `line`'s cells as RFC 4180 says: `"…"` may hold the separator, a line end, or `""` for a quote. */
function splitCells(line: string, separator: string | null): Cell[] {
  const cells: Cell[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i++;
    let text = '';
    let quoted = false;
    if (line[i] === '"') {
      quoted = true;
      for (i++; i < line.length; i++) {
        if (line[i] !== '"') text += line[i];
        else if (line[i + 1] === '"') text += line[i++];
        else break;
      }
      i++; // the closing quote
    }
    const end = separator === null ? line.length : line.indexOf(separator, i);
    const rest = line.slice(i, end < 0 ? line.length : end);
    cells.push({ text: (quoted ? text + rest : rest).trim(), quoted });
    if (end < 0 || separator === null) return cells;
    i = end + separator.length;
  }
}

/** The separator of a line, looking only outside quotes: tab, then semicolon, then comma; null for none. */
function detectSeparator(line: string): string | null {
  const outside = line.replace(/"(?:[^"]|"")*"/g, '');
  return SEPARATORS.find((separator) => outside.includes(separator)) ?? null;
}

/** An odd number of quotes: the line ends inside a quoted cell, and the record goes on. */
function insideQuotes(text: string): boolean {
  let quotes = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) quotes++;
  return quotes % 2 === 1;
}

/**
 * Parses CSV text into a series, fed in pieces (`push`) so that a large file is
 * parsed as it streams in and the page can yield between pieces. The rules
 * (README, "Data"):
 *
 * - One number per line, or columns separated by tabs, semicolons or commas (the
 *   first line with one of them, outside quotes, says which). Quoted cells follow
 *   RFC 4180. A BOM, CRLF line ends and blank lines are fine.
 * - The first line is a header when none of its cells is a number; otherwise
 *   every line is data, and each line's cell in the chosen column must be one.
 * - Decimal commas: in `;`- or tab-separated files, and in quoted cells. A file
 *   whose every data line is one number with one comma (`0,0500`) is a column of
 *   decimal-comma numbers. When every such number has three digits after the
 *   comma and none starts with 0, `1,234` may as well be a thousands separator:
 *   that file is refused (`data-parse`), never read as either.
 * - Every line has as many cells as the first; every value is a finite float32.
 */
export class SeriesParser {
  private readonly column: string | number;
  /** The end of the text seen so far that is not yet a whole line. */
  private rest = '';
  /** Lines of a record whose quoted cell spans line ends. */
  private record = '';
  private started = false;
  private line = 0;
  private recordLine = 0;
  private separator: string | null | undefined;
  private dataStarted = false;
  /** Lines are single decimal-comma numbers (decided at the first data line). */
  private decimalCommaLines = false;
  private width = 0;
  private columnIndex = -1;
  private values = new Float32Array(1024);
  private length = 0;
  private sawHeader = false;
  /** The first decimal-comma number, and whether every one so far could be a thousands separator instead. */
  private commaExample: string | null = null;
  private commaAmbiguous = true;

  constructor(column: string | number = 0) {
    this.column = column;
  }

  /** Parses every whole line of `text` (after what came before); keeps a partial last line. */
  push(text: string): void {
    let chunk = this.rest + text;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    let position = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', position)) {
      this.parseRaw(chunk.slice(position, end));
      position = end + 1;
    }
    this.rest = chunk.slice(position);
  }

  /** The parsed series, once the text is complete; throws `data-parse` when it holds no value. */
  end(): Float32Array {
    this.parseRaw(this.rest);
    this.rest = '';
    if (this.record) this.parseRecord(this.record);
    if (this.length === 0) {
      throw new RnnLabError('data-parse', this.sawHeader ? 'error.dataHeaderOnly' : 'error.dataEmpty');
    }
    if (this.commaExample !== null && this.commaAmbiguous) {
      throw new RnnLabError('data-parse', 'error.dataCommaAmbiguous', { example: this.commaExample });
    }
    return this.values.slice(0, this.length);
  }

  private parseRaw(raw: string): void {
    this.line++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.record) {
      this.record += `\n${line}`;
    } else {
      if (!line.trim()) return;
      this.record = line;
      this.recordLine = this.line;
    }
    if (insideQuotes(this.record)) return;
    const record = this.record;
    this.record = '';
    this.parseRecord(record);
  }

  private parseRecord(record: string): void {
    if (this.separator === undefined && !this.sawHeader) {
      this.separator = detectSeparator(record);
      const cells = splitCells(record, this.separator);
      if (!cells.some((c) => this.isNumberLike(c))) {
        this.sawHeader = true;
        this.width = cells.length;
        this.columnIndex = this.findColumn(cells.map((c) => c.text));
        // A one-cell header says nothing about the separator: the first data line will.
        if (cells.length === 1) this.separator = undefined;
        return;
      }
    }
    if (!this.dataStarted) this.startData(record);
    if (this.decimalCommaLines) return this.pushDecimalCommaLine(record);
    const cells = splitCells(record, this.separator ?? null);
    if (this.columnIndex >= cells.length) {
      throw new RnnLabError('data-parse', 'error.dataColumnIndex', { line: this.recordLine, column: this.columnIndex });
    }
    if (cells.length !== this.width) {
      throw new RnnLabError('data-parse', 'error.dataWidth', { line: this.recordLine, cells: cells.length, expected: this.width });
    }
    this.pushValue(cells[this.columnIndex]);
  }

  /** At the first data line: decimal-comma lines, or columns (and which one). */
  private startData(record: string): void {
    this.dataStarted = true;
    this.separator ??= detectSeparator(record);
    const oneColumnHeader = !this.sawHeader || this.width === 1;
    this.decimalCommaLines = this.separator === ',' && oneColumnHeader
      && (this.sawHeader ? this.columnIndex === 0 : this.column === 0) && /^[+-]?\d+,\d+$/.test(record.trim());
    if (this.decimalCommaLines) {
      this.width = 1;
      this.columnIndex = 0;
      return;
    }
    const width = splitCells(record, this.separator).length;
    if (!this.sawHeader) this.columnIndex = this.indexColumn(width);
    if (oneColumnHeader) this.width = width;
  }

  private pushDecimalCommaLine(record: string): void {
    const text = record.trim();
    if (!/^[+-]?\d+(,\d+)?$/.test(text)) {
      throw new RnnLabError('data-parse', 'error.dataCommaMixed', { line: this.recordLine, cell: text.slice(0, 40) });
    }
    this.pushValue({ text, quoted: true });
  }

  private isNumberLike(cell: Cell): boolean {
    return NUMBER.test(this.normalise(cell)) || NON_FINITE.test(cell.text);
  }

  /** A cell's text as a JavaScript number literal: a decimal comma becomes a point where it cannot be a separator. */
  private normalise(cell: Cell): string {
    const separates = this.separator === ',' && !cell.quoted && !this.decimalCommaLines;
    return DECIMAL_COMMA.test(cell.text) && !separates ? cell.text.replace(',', '.') : cell.text;
  }

  /**
   * `1,234` is a thousands separator as much as a decimal comma, unless some
   * number has other than three digits after its comma, or starts with 0. Only
   * where commas could be either: not in `;`- or tab-separated files.
   */
  private noteComma(cell: Cell): void {
    if (!DECIMAL_COMMA.test(cell.text) || this.separator === ';' || this.separator === '\t') return;
    this.commaExample ??= cell.text;
    const [whole, fraction] = cell.text.replace(/^[+-]/, '').split(',');
    if (fraction.length !== 3 || whole.startsWith('0')) this.commaAmbiguous = false;
  }

  /** Without a header a column can only be named by its index. */
  private indexColumn(width: number): number {
    if (typeof this.column === 'number') return this.column;
    const columns = Array.from({ length: width }, (_, i) => i);
    throw new RnnLabError('data-parse', 'error.dataColumnName', { column: this.column, columns });
  }

  private findColumn(header: string[]): number {
    if (typeof this.column === 'number') return this.column;
    const exact = header.indexOf(this.column);
    const index = exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === String(this.column).toLowerCase());
    if (index < 0) {
      const columns = header.map((h) => `“${h}”`);
      throw new RnnLabError('data-parse', 'error.dataColumnName', { column: this.column, columns });
    }
    return index;
  }

  private pushValue(cell: Cell): void {
    this.noteComma(cell);
    const text = this.normalise(cell);
    const value = NUMBER.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX) {
      throw new RnnLabError('data-parse', 'error.dataCell', { line: this.recordLine, cell: cell.text.slice(0, 40) });
    }
    if (this.length === this.values.length) {
      const grown = new Float32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Parses a whole CSV text at once (pure code, the worker, tests). */
export function parseSeries(text: string, column: string | number = 0): Float32Array {
  const parser = new SeriesParser(column);
  parser.push(text);
  return parser.end();
}

/** The shortest decimal text that reads back as the same float32 value. */
export function formatFloat32(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

/** A CSV cell: a number (written in full), a text, or empty. */
export type CsvCell = number | string | null;

function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The one CSV writer of rnn-lab (chart tables, gate tables, results): RFC 4180,
 * fields with a comma, quote or line break quoted, CRLF after every record.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
