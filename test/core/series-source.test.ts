import { expect } from '@open-wc/testing';
import { RnnLabError } from '../../src/core/errors.js';
import { readSeries } from '../../src/core/series-source.js';

describe('readSeries', () => {
  it("fetches src with credentials 'same-origin': cookies go to the page's own server only", async () => {
    const nativeFetch = window.fetch;
    const requests: Request[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return nativeFetch(input, init);
    };
    try {
      const series = await readSeries({ kind: 'url', url: new URL('/data/sine-1000.csv', location.href).href, column: 0 });
      expect(series).to.have.length(1000);
    } finally {
      window.fetch = nativeFetch;
    }
    expect(requests).to.have.length(1);
    expect(requests[0].credentials).to.equal('same-origin');
  });

  it('parses a body that streams in, and reports a failed request as data-fetch', async () => {
    const url = URL.createObjectURL(new Blob(['a,b\n', '1,2\n3', ',4\n'], { type: 'text/csv' }));
    expect(Array.from(await readSeries({ kind: 'url', url, column: 'b' }))).to.deep.equal([2, 4]);
    const error = await readSeries({ kind: 'url', url: `${location.origin}/nothing.csv`, column: 0 }).catch((e) => e);
    expect(error).to.be.instanceOf(RnnLabError);
    expect((error as RnnLabError).code).to.equal('data-fetch');
  });

  it('reads inline text and the default series', async () => {
    expect(Array.from(await readSeries({ kind: 'inline', text: '5\n6', column: 0 }))).to.deep.equal([5, 6]);
    expect(await readSeries({ kind: 'default' })).to.have.length(1000);
    const empty = await readSeries({ kind: 'inline', text: '  ', column: 0 }).catch((e) => e);
    expect((empty as RnnLabError).code).to.equal('data-parse');
  });
});
