// Serves the repository for `npm start`: `/` is the demo page, everything else a
// file under the repository root (the demo loads /dist/cdn/rnn-lab.js and
// /data/sine-1000.csv). No dependencies; CORS is open so that pages on other
// origins can load the CDN build, as they would from a real CDN.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const ROUTES = { '/': '/demo/index.html', '/zh': '/demo/zh.html' };
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** The file a URL path names, or null when it leaves the root or does not exist. */
function fileFor(pathname, root) {
  const path = normalize(join(root, decodeURIComponent(ROUTES[pathname] ?? pathname)));
  if (!path.startsWith(root)) return null;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return fileFor(`${pathname.replace(/\/$/, '')}/index.html`, root);
    return path;
  } catch {
    return null;
  }
}

/** Serves `root` (the repository by default; the pack check serves its scratch app). */
export function serve(port, host = '0.0.0.0', root = ROOT) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const file = fileFor(pathname, resolve(root));
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8000);
  await serve(port);
  console.log(`rnn-lab demo: http://127.0.0.1:${port}/`);
}
