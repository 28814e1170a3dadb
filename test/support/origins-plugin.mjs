// A web-test-runner plugin for the distribution tests:
// - starts demo/serve.mjs on 127.0.0.1:<free port>, a second origin that plays the CDN
//   (the test pages are on the runner's own origin), and tells test code its URL through
//   the virtual module /__rnn-lab/origins.js;
// - cspFromQuery sends a page's `?csp=` query as its Content-Security-Policy header, so a
//   test can open a fixture page under any policy (the README's, or one with a directive removed).
import { serve } from '../../demo/serve.mjs';

const ORIGINS_MODULE = '/__rnn-lab/origins.js';

/** Middleware (config `middleware`): an HTML page's `?csp=` becomes its policy header. */
export async function cspFromQuery(ctx, next) {
  await next();
  const policy = ctx.path.endsWith('.html') ? ctx.query.csp : undefined;
  if (typeof policy === 'string' && policy) ctx.set('Content-Security-Policy', policy);
}

export function originsPlugin() {
  let server;
  let cdnOrigin;
  return {
    name: 'rnn-lab-origins',
    async serverStart() {
      server = await serve(0, '127.0.0.1');
      cdnOrigin = `http://127.0.0.1:${server.address().port}`;
    },
    async serverStop() {
      await new Promise((done) => server?.close(done));
    },
    serve(context) {
      if (context.path === ORIGINS_MODULE) {
        return { body: `export const cdnOrigin = ${JSON.stringify(cdnOrigin)};\n`, type: 'js' };
      }
      return undefined;
    },
  };
}
