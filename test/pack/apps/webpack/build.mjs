// webpack 5 with its defaults (production mode): no loader, no plugin, no rule for
// workers or .wasm files; webpack follows `new Worker(new URL(…))` and `new URL(…)` itself.
import { copyFileSync } from 'node:fs';
import webpack from 'webpack';

const dist = new URL('./dist/', import.meta.url).pathname;
webpack({ mode: 'production', entry: './src/main.js', output: { path: dist, clean: true } }, (error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString('errors-only'));
    process.exitCode = 1;
    return;
  }
  copyFileSync('index.html', `${dist}index.html`);
});
