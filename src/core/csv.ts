import { RnnLabError } from './errors.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Cells that are meant as numbers but are not finite: data errors, never a header. */
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const FLOAT32_MAX = 3.4028234663852886e38;

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed[0] === '"' && trimmed[trimmed.length - 1] === '"'
    ? trimmed.slice(1, -1).replace(/""/g, '"').trim()
    : trimmed;
}

/** The separator of a line: tab, then semicolon, then comma; none for a single column. */
function detectSeparator(line: string): string | null {
  for (const separator of ['\t', ';', ',']) if (line.includes(separator)) return separator;
  return null;
}

/**
 * Parses CSV text into a series, fed in pieces (`push`) so that a large file is
 * parsed as it streams in and the page can yield between pieces.
 *
 * Accepts one number per line, or columns separated by commas, semicolons or tabs
 * (with an optional header row, detected when a cell of the first row is not a
 * number); a BOM, CRLF line ends, blank lines, quoted cells and, with semicolon or
 * tab separators, decimal commas. Every value must be a finite float32.
 */
export class SeriesParser {
  private readonly column: string | number;
  /** The end of the text seen so far that is not yet a whole line. */
  private rest = '';
  private started = false;
  private line = 0;
  private separator: string | null | undefined;
  private columnIndex = -1;
  private values = new Float32Array(1024);
  private length = 0;
  private sawHeader = false;

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
    if (this.length === 0) {
      throw new RnnLabError('data-parse', this.sawHeader ? 'error.dataHeaderOnly' : 'error.dataEmpty');
    }
    return this.values.slice(0, this.length);
  }

  private parseRaw(raw: string): void {
    this.line++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim()) this.parseLine(line);
  }

  private parseLine(line: string): void {
    if (this.separator === undefined) {
      this.separator = detectSeparator(line);
      const cells = this.split(line);
      const isNumeric = (c: string) => NUMBER.test(this.normalise(c)) || NON_FINITE.test(c);
      if (!cells.every(isNumeric)) {
        this.sawHeader = true;
        this.columnIndex = this.findColumn(cells);
        return;
      }
      this.columnIndex = this.indexColumn(cells.length);
    }
    const cells = this.split(line);
    if (this.columnIndex >= cells.length) {
      throw new RnnLabError('data-parse', 'error.dataColumnIndex', { line: this.line, column: this.columnIndex });
    }
    this.pushValue(cells[this.columnIndex]);
  }

  private split(line: string): string[] {
    return (this.separator ? line.split(this.separator) : [line]).map(unquote);
  }

  private normalise(cell: string): string {
    return this.separator !== ',' && DECIMAL_COMMA.test(cell) ? cell.replace(',', '.') : cell;
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

  private pushValue(cell: string): void {
    const text = this.normalise(cell);
    const value = NUMBER.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || Math.abs(value) > FLOAT32_MAX) {
      throw new RnnLabError('data-parse', 'error.dataCell', { line: this.line, cell: cell.slice(0, 40) });
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
