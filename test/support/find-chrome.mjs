// Finds the Chromium or Chrome the tests run in: CHROME_PATH, then the usual
// system paths. No test tool downloads a browser of its own.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    console.error(`CHROME_PATH is set to ${fromEnv}, which does not exist.`);
    process.exit(1);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  console.error('No Chromium or Chrome found: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to its binary.');
  process.exit(1);
}

/** Flags for a headless run as root, on a machine with a closed network. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Chromium 156 keeps the omnibox's popup (a WebUI page, with its AI-mode compose box)
  // ready in a renderer of its own for every browser context: about a second of CPU at
  // each, while the page under test loads. On two cores that is a test's or a bench's time.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  // Memory tests collect garbage before they measure, and read exact heap sizes.
  '--js-flags=--expose-gc',
  '--enable-precise-memory-info',
];

if (import.meta.url === `file://${process.argv[1]}`) console.log(findChrome());
