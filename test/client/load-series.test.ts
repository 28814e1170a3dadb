import { expect } from '@open-wc/testing';
import { loadSeries } from '../../src/client/load-series.js';

describe('loadSeries', () => {
  it("fetches src with credentials 'same-origin': cookies go to the page's own server only", async () => {
    const nativeFetch = window.fetch;
    const requests: Request[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return nativeFetch(input, init);
    };
    try {
      const series = await loadSeries({ kind: 'url', url: new URL('/data/sine-1000.csv', location.href).href, column: 0 });
      expect(series).to.have.length(1000);
    } finally {
      window.fetch = nativeFetch;
    }
    expect(requests).to.have.length(1);
    expect(requests[0].credentials).to.equal('same-origin');
  });
});
