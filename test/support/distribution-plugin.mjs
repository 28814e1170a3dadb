// A web-test-runner plugin for the distribution tests (test/distribution/):
// - starts demo/serve.mjs on 127.0.0.1:<free port>, a second origin that plays the CDN
//   (the test pages are on the runner's own origin);
// - serves the virtual module /__rnn-lab/distribution.js: that origin, and every
//   JavaScript file the build wrote under dist/ (tests read them over HTTP);
// - cspFromQuery sends a page's `?csp=` query as its Content-Security-Policy header, so a
//   test can open a fixture page under any policy (the README's, or one with a directive removed).
import { readdirSync } from 'node:fs';
import { serve } from '../../demo/serve.mjs';

const MODULE = '/__rnn-lab/distribution.js';

/** Middleware (config `middleware`): an HTML page's `?csp=` becomes its policy header. */
export async function cspFromQuery(ctx, next) {
  await next();
  const policy = ctx.path.endsWith('.html') ? ctx.query.csp : undefined;
  if (typeof policy === 'string' && policy) ctx.set('Content-Security-Policy', policy);
}

function builtScripts() {
  return readdirSync('dist', { recursive: true })
    .filter((file) => file.endsWith('.js') && !file.startsWith('types'))
    .map((file) => `/dist/${file}`)
    .sort();
}

export function distributionPlugin() {
  let server;
  return {
    name: 'rnn-lab-distribution',
    async serverStart() {
      server = await serve(0, '127.0.0.1');
    },
    async serverStop() {
      await new Promise((done) => server?.close(done));
    },
    serve(context) {
      if (context.path !== MODULE) return undefined;
      const cdnOrigin = `http://127.0.0.1:${server.address().port}`;
      return {
        body: `export const cdnOrigin = ${JSON.stringify(cdnOrigin)};\nexport const builtScripts = ${JSON.stringify(builtScripts())};\n`,
        type: 'js',
      };
    },
  };
}
