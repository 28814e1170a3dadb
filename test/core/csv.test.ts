import { expect } from '@open-wc/testing';
import { SeriesParser, formatFloat32, parseSeries, toCsv } from '../../src/core/csv.js';
import { rnnLabErrorOf } from '../support/errors.js';

const parseError = (text: string, column: string | number = 0) => rnnLabErrorOf(() => parseSeries(text, column));

describe('parseSeries', () => {
  it('reads one number per line', () => {
    expect(Array.from(parseSeries('1\n2.5\n-3e-1\n'))).to.deep.equal([1, 2.5, Math.fround(-0.3)]);
  });

  it('ignores a BOM, CRLF line ends and blank lines', () => {
    expect(Array.from(parseSeries('\uFEFF1\r\n\r\n2\r\n3'))).to.deep.equal([1, 2, 3]);
  });

  it('takes column 0 of a comma-separated file by default, skipping a header', () => {
    expect(Array.from(parseSeries('a,b\n1,10\n2,20\n'))).to.deep.equal([1, 2]);
  });

  it('takes a column by name or index', () => {
    const text = 'time,"price",volume\n0,1.5,7\n1,2.5,8\n';
    expect(Array.from(parseSeries(text, 'price'))).to.deep.equal([1.5, 2.5]);
    expect(Array.from(parseSeries(text, 'VOLUME'))).to.deep.equal([7, 8]);
    expect(Array.from(parseSeries(text, 2))).to.deep.equal([7, 8]);
  });

  it('reads semicolon- and tab-separated columns, with decimal commas', () => {
    expect(Array.from(parseSeries('x;y\n1;0,5\n2;1,5', 'y'))).to.deep.equal([0.5, 1.5]);
    expect(Array.from(parseSeries('1\t4\n2\t5', 1))).to.deep.equal([4, 5]);
  });

  it('rejects an empty file and a header without rows', () => {
    expect(parseError('').code).to.equal('data-parse');
    expect(parseError(' \n\n').key).to.equal('error.dataEmpty');
    expect(parseError('value\n').key).to.equal('error.dataHeaderOnly');
  });

  it('names the line of a non-numeric, NaN or infinite cell', () => {
    const error = parseError('1\n2\nabc\n4');
    expect(error.code).to.equal('data-parse');
    expect(error.params).to.deep.include({ line: 3, cell: 'abc' });
    expect(parseError('1\nNaN').params.line).to.equal(2);
    expect(parseError('NaN\n1').params.line).to.equal(1);
    expect(parseError('1\n-Infinity').code).to.equal('data-parse');
    expect(parseError('1\n1e39').code).to.equal('data-parse');
  });

  it('parses text pushed in pieces that cut lines anywhere', () => {
    const text = '\uFEFFtime;value\r\n0;1,5\r\n1;-2\r\n2;3e2';
    const parser = new SeriesParser('value');
    for (const char of text) parser.push(char);
    expect(Array.from(parser.end())).to.deep.equal([1.5, -2, 300]);
  });

  it('accepts large finite values', () => {
    expect(parseSeries('1e30\n-1e30')[0]).to.equal(Math.fround(1e30));
  });

  it('rejects a missing column, naming the columns there are', () => {
    const error = parseError('a,b\n1,2', 'c');
    expect(error.key).to.equal('error.dataColumnName');
    expect(String(error.params.columns)).to.contain('a').and.contain('b');
    expect(parseError('1,2\n3', 1).key).to.equal('error.dataColumnIndex');
  });

  it('parses a million rows', () => {
    const block = Array.from({ length: 1000 }, (_, i) => String(i % 100)).join('\n');
    const series = parseSeries(`${block}\n`.repeat(1000));
    expect(series.length).to.equal(1_000_000);
    expect(series[999_999]).to.equal(99);
  });
});

describe('formatFloat32', () => {
  it('writes the shortest text that reads back as the same float32', () => {
    for (const value of [0.1, -1.2345678, 3.4e38, 1e-30, 0]) {
      const f = Math.fround(value);
      expect(Math.fround(Number(formatFloat32(f)))).to.equal(f);
    }
    expect(formatFloat32(Math.fround(0.1))).to.equal('0.1');
  });
});

describe('toCsv', () => {
  it('writes RFC 4180: CRLF after every record, a field with a comma, quote or line break quoted', () => {
    const csv = toCsv([['轮次', 'GRU（序列长度 30） 训练损失', 'say "hi"', 'a,b'], [1, 0.5, null, 'two\nlines']]);
    expect(csv).to.equal('轮次,GRU（序列长度 30） 训练损失,"say ""hi""","a,b"\r\n1,0.5,,"two\nlines"\r\n');
  });

  it('writes numbers in full, so that the parser reads back the same values', () => {
    const values = [0.1, -1.2345678e-9, 3e38, 42];
    expect(Array.from(parseSeries(toCsv([['值'], ...values.map((v) => [v])]), '值'))).to.deep.equal(values.map(Math.fround));
  });
});
