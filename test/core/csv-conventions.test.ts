import { expect } from '@open-wc/testing';
import Papa from 'papaparse';
import { parseSeries } from '../../src/core/csv.js';
import { RnnLabError } from '../../src/core/errors.js';

function outcome(text: string, column: string | number = 0): number[] | string {
  try {
    return Array.from(parseSeries(text, column));
  } catch (error) {
    expect(error).to.be.instanceOf(RnnLabError);
    return `${(error as RnnLabError).code} ${(error as RnnLabError).key}`;
  }
}

const f = (values: number[]) => values.map(Math.fround);

describe('CSV conventions: never silently wrong numbers', () => {
  it('reads a column of decimal-comma numbers as decimals', () => {
    expect(outcome('0,0500\n0,0612\n-0,1250\n')).to.deep.equal(f([0.05, 0.0612, -0.125]));
    expect(outcome('value\n1,5\n2,25\n0\n')).to.deep.equal(f([1.5, 2.25, 0]));
  });

  it('refuses numbers that could be decimal commas or thousands separators', () => {
    expect(outcome('1,234\n2,345\n12,500\n')).to.equal('data-parse error.dataCommaAmbiguous');
    expect(outcome('"1,234",1\n"2,345",2\n')).to.equal('data-parse error.dataCommaAmbiguous');
  });

  it('refuses a decimal-comma column that changes its mind', () => {
    expect(outcome('0,5\n0,6\n1,2,3\n')).to.equal('data-parse error.dataCommaMixed');
    expect(outcome('0,5\n0.6\n')).to.equal('data-parse error.dataCommaMixed');
  });

  it('reads quoted cells as RFC 4180 says: a separator, a quote or a line end inside quotes', () => {
    expect(outcome('"0,05",1\n"0,25",2\n')).to.deep.equal(f([0.05, 0.25]));
    expect(outcome('"a ""quoted"" name",value\n"x, y",1\n"multi\nline",2\n', 'value')).to.deep.equal([1, 2]);
  });

  it('takes the first line as a header only when none of its cells is a number', () => {
    // A text cell in an unused column does not make a header: the line is data.
    expect(outcome('1.5,note\n2.5,x\n3.5,y\n')).to.deep.equal([1.5, 2.5, 3.5]);
    expect(outcome('time,value\n0,1\n1,2\n', 'value')).to.deep.equal([1, 2]);
    expect(outcome('abc,1\n2,3\n')).to.equal('data-parse error.dataCell');
  });

  it('refuses lines with more or fewer cells than the first', () => {
    expect(outcome('1,2\n3,4,5\n', 1)).to.equal('data-parse error.dataWidth');
  });
});

/**
 * The same corpus through papaparse, the well-kept parser rnn-lab could have used:
 * for every text both read, the chosen column's cells are the same rows. (rnn-lab
 * keeps its own parser because it parses a fetch() stream piece by piece in the
 * worker with our errors; papaparse's streaming reads files or URLs itself.)
 */
describe('CSV records agree with papaparse', () => {
  const corpus: Array<[string, string, string | number]> = [
    ['plain column', '1\n2.5\n-3\n', 0],
    ['header and columns', 'a,b\n1,10\n2,20\n', 'b'],
    ['semicolons', 'x;y\n1;5\n2;6\n', 'y'],
    ['tabs', '1\t4\n2\t5\n', 1],
    ['quoted separators', '"n, m",v\n"1,5",7\n"2,5",8\n', 'v'],
    ['escaped quotes and CRLF', '"say ""hi""",v\r\n"x",1\r\n"y",2\r\n', 'v'],
    ['a line end inside quotes', 'name,v\n"two\nlines",3\nplain,4\n', 'v'],
    ['blank lines', '1\n\n2\n\n', 0],
  ];
  for (const [what, text, column] of corpus) {
    it(what, () => {
      const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
      const rows = parsed.data;
      const header = typeof column === 'string';
      const index = header ? rows[0].indexOf(column as string) : (column as number);
      const expected = rows.slice(header ? 1 : 0).map((row) => Number(row[index]));
      expect(Array.from(parseSeries(text, column))).to.deep.equal(f(expected));
    });
  }
});
