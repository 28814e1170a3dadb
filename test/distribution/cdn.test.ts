import { expect } from '@open-wc/testing';
// @ts-expect-error a virtual module of test/support/distribution-plugin.mjs
import { cdnOrigin } from '/__rnn-lab/distribution.js';
import { runProbe } from '../support/probe.js';

const CDN_BUILD = `${cdnOrigin}/dist/cdn/rnn-lab.js`;
/** The CDN that README's policy names; the tests put their second origin in its place. */
const README_CDN = 'https://unpkg.com';

/** The Content-Security-Policy line of README's "Content Security Policy" section, for our CDN origin. */
async function readmePolicy(): Promise<string> {
  const readme = await (await fetch('/README.md')).text();
  const section = readme.slice(readme.indexOf('## Content Security Policy'));
  const line = section.split('\n').find((l) => l.startsWith('Content-Security-Policy:'));
  expect(line, 'README states the policy').to.be.a('string');
  return line!.slice('Content-Security-Policy:'.length).trim().replaceAll(README_CDN, cdnOrigin);
}

/** `policy` with one source taken out of one directive (or the whole directive when `source` is omitted). */
function without(policy: string, directive: string, source?: string): string {
  return policy.split(';').map((d) => d.trim()).flatMap((d) => {
    const [name, ...sources] = d.split(/\s+/);
    if (name !== directive) return [d];
    return source ? [[name, ...sources.filter((s) => s !== source)].join(' ')] : [];
  }).join('; ');
}

describe('the CDN build', () => {
  it('trains to rnn-done when the page and the script are on different origins', async () => {
    expect(new URL(cdnOrigin).origin).not.to.equal(location.origin);
    const outcome = await runProbe(CDN_BUILD, { epochs: '3' });
    expect(outcome).to.deep.include({ state: 'done', error: null, epochs: 3 });
  });

  it("trains under README's Content-Security-Policy with no violation reported", async () => {
    const policy = await readmePolicy();
    expect(policy).to.contain(`script-src 'self' ${cdnOrigin}`);
    const outcome = await runProbe(CDN_BUILD, { epochs: '3', src: '/data/sine-1000.csv' }, policy);
    expect(outcome).to.deep.include({ state: 'done', error: null, notice: null, violations: [] });
  });

  it("runs the wasm backend under README's policy (no fallback to cpu, no violation)", async () => {
    const outcome = await runProbe(CDN_BUILD, { epochs: '3', backend: 'wasm' }, await readmePolicy());
    expect(outcome).to.deep.include({ state: 'done', error: null, notice: null, violations: [] });
  });
});

describe('the npm build', () => {
  it("starts its same-origin worker under require-trusted-types-for 'script' with no violation", async () => {
    const policy = "script-src 'self'; worker-src 'self'; require-trusted-types-for 'script'; trusted-types rnn-lab lit-html";
    const outcome = await runProbe('/dist/rnn-lab.js', { epochs: '3' }, policy);
    expect(outcome).to.deep.include({ state: 'done', error: null, violations: [] });
  });
});

describe("README's policy is the one needed", () => {
  it("without 'wasm-unsafe-eval' the wasm backend cannot compile and falls back to cpu", async () => {
    const policy = without(await readmePolicy(), 'script-src', "'wasm-unsafe-eval'");
    const outcome = await runProbe(CDN_BUILD, { epochs: '3', backend: 'wasm' }, policy);
    expect(outcome.state).to.equal('done');
    expect(outcome.notice).to.be.a('string').and.contain('cpu');
  });

  it('without blob: in worker-src the cross-origin worker cannot start: a worker error', async () => {
    const policy = without(await readmePolicy(), 'worker-src', 'blob:');
    const outcome = await runProbe(CDN_BUILD, { epochs: '3' }, policy);
    expect(outcome.state).to.equal('error');
    expect(outcome.error?.code).to.equal('worker');
    expect(outcome.violations.some((v) => v.startsWith('worker-src'))).to.equal(true);
  });

  it('without the CDN in worker-src the worker cannot import its script from the CDN: a worker error', async () => {
    // A module worker's static imports are fetched as "worker" requests: worker-src, not script-src.
    const policy = without(await readmePolicy(), 'worker-src', cdnOrigin);
    const outcome = await runProbe(CDN_BUILD, { epochs: '3' }, policy);
    expect(outcome.state).to.equal('error');
    expect(outcome.error?.code).to.equal('worker');
  });

  it('without lit-html among the Trusted Types policies the library cannot load', async () => {
    const policy = without(await readmePolicy(), 'trusted-types', 'lit-html');
    const outcome = await runProbe(CDN_BUILD, { epochs: '3' }, policy);
    expect(outcome.state).to.equal('probe-failed');
    expect(outcome.violations.some((v) => v.startsWith('trusted-types'))).to.equal(true);
  });

  it('without the rnn-lab Trusted Types policy the worker is refused: a worker error that names the policy', async () => {
    const policy = without(await readmePolicy(), 'trusted-types', 'rnn-lab');
    const outcome = await runProbe(CDN_BUILD, { epochs: '3' }, policy);
    expect(outcome.state).to.equal('error');
    expect(outcome.error?.code).to.equal('worker');
    expect(outcome.error?.message).to.contain('“rnn-lab”');
  });

  it("without the CDN in connect-src the worker cannot fetch the wasm binary and falls back to cpu", async () => {
    const policy = without(await readmePolicy(), 'connect-src', cdnOrigin);
    const outcome = await runProbe(CDN_BUILD, { epochs: '3', backend: 'wasm' }, policy);
    expect(outcome.state).to.equal('done');
    expect(outcome.notice).to.be.a('string').and.contain('cpu');
  });
});
