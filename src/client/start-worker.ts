import { RnnLabError } from '../core/errors.js';

/**
 * This module's URL, kept apart from `new URL(path, import.meta.url)`: bundlers rewrite
 * that form, and webpack turns one whose path is not a literal into a module lookup.
 * (webpack also makes `import.meta.url` the file: URL of the source file.)
 */
const MODULE_URL = new URL(import.meta.url);
/**
 * Vite 6 and 7 serve a pre-bundled copy of this module from node_modules/.vite/deps/,
 * away from the worker file. From there, the package's own copy is two folders up
 * (node_modules/rnn-lab/dist/), which the dev server serves as it is.
 */
const PREBUNDLED = /\/node_modules\/\.vite\/deps[^/]*\/[^/]+$/.test(MODULE_URL.pathname);
const PACKAGE_WORKER = '../../rnn-lab/dist/trainer.worker.js';
/**
 * True when this code runs from the package's own file (dist/rnn-lab.js or the CDN's
 * dist/cdn/rnn-lab.js, or that pre-bundled copy), not from an app's bundle: then the
 * worker's URL is known here and can go through the Trusted Types policy, or a blob.
 */
const AS_PUBLISHED = PREBUNDLED || (MODULE_URL.protocol.startsWith('http') && MODULE_URL.pathname.endsWith('/rnn-lab.js'));
/** The worker file beside this module (dist/trainer.worker.js, or dist/cdn/'s own). */
const WORKER_FILE = './trainer.worker.js';
const WORKER_URL = new URL(PREBUNDLED ? PACKAGE_WORKER : WORKER_FILE, MODULE_URL);

/**
 * The name of rnn-lab's Trusted Types policy. A page that lists allowed policies
 * (`trusted-types ...` in its CSP) must list this one; see the README, "Content Security Policy".
 */
export const TRUSTED_TYPES_POLICY = 'rnn-lab';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

const inlineScope = () => globalThis as { rnnLabInline?: Record<string, string> };

/** The key of the worker's source in `inlineResources()`. */
export const INLINE_WORKER = 'trainer.worker.js';

/**
 * Files carried inside the page instead of next to this module, by name:
 * `rnn-lab package --single` (one offline HTML file) and dist/cdn/anywidget.js
 * put the worker's source under `INLINE_WORKER` before any trainer starts.
 */
export function inlineResources(): Record<string, string> {
  return (inlineScope().rnnLabInline ??= {});
}

let crossOriginEntry: string | null = null;
let policy: ScriptUrlPolicy | null | undefined;

/**
 * The worker's entry URL. A worker script must be same-origin with the page, so
 * when this library is loaded from a CDN the worker starts from a same-origin blob
 * module that imports the real worker (which the CDN serves with CORS). A page
 * that carries the worker's source starts it from a blob (or data:) URL of that
 * source. One URL serves every worker of the page.
 */
function entryUrl(): string {
  const inline = inlineScope().rnnLabInline?.[INLINE_WORKER];
  if (inline === undefined && WORKER_URL.origin === location.origin) return WORKER_URL.href;
  // A page opened from file:// has an opaque origin: Chromium refuses it a module
  // worker from a blob: URL (a classic one would load), but not from a data: URL.
  if (inline !== undefined && self.origin === 'null') {
    crossOriginEntry ??= `data:text/javascript;charset=utf-8,${encodeURIComponent(inline)}`;
  }
  crossOriginEntry ??= URL.createObjectURL(
    new Blob([inline ?? `import ${JSON.stringify(WORKER_URL.href)};\n`], { type: 'text/javascript' }),
  );
  return crossOriginEntry;
}

/**
 * Under `require-trusted-types-for 'script'` the Worker constructor takes only a
 * TrustedScriptURL. Our policy blesses exactly the two URLs made above, nothing a
 * page or its data could supply. Created on first use, so a second copy of the
 * library whose elements never registered does not create a duplicate.
 */
function trusted(url: string): string {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
    try {
      policy = factory?.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL(candidate) {
          if (candidate !== WORKER_URL.href && candidate !== crossOriginEntry) {
            throw new TypeError(`rnn-lab: ${candidate} is not rnn-lab's worker`);
          }
          return candidate;
        },
      }) ?? null;
    } catch {
      // The page's `trusted-types` directive leaves this name out: without
      // enforcement a plain URL still works; with it the constructor says why below.
      policy = null;
    }
  }
  // A TrustedScriptURL is what the constructor wants; TypeScript's DOM types lack the type.
  return policy ? (policy.createScriptURL(url) as string) : url;
}

/** Why the worker failed to load and what fixes it, where that is known; null for the published files. */
export function loadFailure(): string | null {
  if (PREBUNDLED) {
    return `${WORKER_URL.href} did not load from the pre-bundled copy of rnn-lab; add optimizeDeps: { exclude: ['rnn-lab'] } to vite.config`;
  }
  if (AS_PUBLISHED) return null;
  return `the worker script failed to load or threw; if ${WORKER_URL.href} is missing, copy rnn-lab's`
    + ' dist/trainer.worker.js there (esbuild and plain Rollup do not follow new URL(…, import.meta.url))';
}

/** Starts a trainer worker; `worker` error when the page's policy refuses its script. */
export function startWorker(): Worker {
  try {
    // A page that carries the worker's source (one offline file, anywidget.js) starts it from that.
    const inline = inlineScope().rnnLabInline?.[INLINE_WORKER] !== undefined;
    if (AS_PUBLISHED || inline) return new Worker(trusted(entryUrl()), { type: 'module', name: 'rnn-lab' });
    // In an app's bundle: written out in full so that Vite, webpack and others find the
    // worker, bundle it with its backends and .wasm files, and rewrite this URL.
    return new Worker(new URL('./trainer.worker.js', import.meta.url), { type: 'module' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RnnLabError('worker', 'error.workerBlocked', { reason, policy: TRUSTED_TYPES_POLICY });
  }
}
