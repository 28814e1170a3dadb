// dist/cdn/anywidget.js in a MyST book, built by mystmd itself: `myst build --site`
// turns the page's {anywidget} directive into the content the book theme renders,
// fetching the module from our "CDN" origin into the site. The book theme (a web
// app mystmd downloads from api.mystmd.org) is not available offline, so the page
// below does what its anywidget renderer does (myst-theme, packages/anywidget):
// import the module the content names, from the book's origin, and call its
// render() with a model of the directive's JSON, into a <div> in a shadow root.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { serve } from '../../demo/serve.mjs';
import { REPO, launchChromium, scratch } from './support.mjs';

let work;
let cdn;
let book;
let browser;
let widget;
let site;

/** The directive's node in the built page's content. */
function anywidgetNode(node) {
  if (node.type === 'anywidget') return node;
  for (const child of node.children ?? []) {
    const found = anywidgetNode(child);
    if (found) return found;
  }
  return null;
}

before(async () => {
  work = scratch();
  cdn = await serve(0, '127.0.0.1');
  cpSync(join(REPO, 'test/package/fixtures/myst'), work.dir, { recursive: true });
  const moduleUrl = `http://127.0.0.1:${cdn.address().port}/dist/cdn/anywidget.js`;
  const page = join(work.dir, 'index.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('ANYWIDGET_URL', moduleUrl));
  // Not spawnSync: mystmd fetches the module from the server this process runs.
  await promisify(execFile)(process.execPath, [join(REPO, 'node_modules/mystmd/dist/myst.cjs'), 'build', '--site'],
    { cwd: work.dir, encoding: 'utf8' });
  site = join(work.dir, '_build/site');
  widget = anywidgetNode(JSON.parse(readFileSync(join(site, 'content/index.json'), 'utf8')).mdast);
  book = await serve(0, '127.0.0.1', join(site, 'public')); // the theme serves public/ at the root
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  cdn?.close();
  book?.close();
  work?.remove();
});

test("mystmd keeps the directive's JSON as the model and copies the module into the book", () => {
  assert.deepEqual(widget.model, { models: 'gru lstm', 'seq-len': 30, autostart: true });
  assert.match(widget.esm, /^\/\w+\.mjs$/);
  const copy = readFileSync(join(site, 'public', widget.esm));
  assert.ok(copy.equals(readFileSync(join(REPO, 'dist/cdn/anywidget.js'))));
  assert.ok(readdirSync(join(site, 'public')).every((file) => !file.startsWith('rnn-lab')), 'nothing else of rnn-lab is copied');
});

test('rendered as the book theme renders it, the copied module trains a GRU and an LSTM', async () => {
  const page = await browser.newPage();
  const origin = `http://127.0.0.1:${book.address().port}`;
  // The theme's page for index.md, reduced to what the widget sees: a document on the book's origin.
  writeFileSync(join(site, 'public/index.html'), '<!doctype html><html lang="en"><title>Train a GRU and an LSTM</title></html>');
  await page.goto(`${origin}/index.html`);
  const outcome = await page.evaluate(async (esm, state) => {
    /** The model the theme gives a widget: values, change events; it has no off(). */
    class MystModel {
      #target = new EventTarget();
      constructor(values) { this.values = values; }
      get(name) { return this.values[name]; }
      set(name, value) {
        this.values[name] = value;
        this.#target.dispatchEvent(new CustomEvent(`change:${name}`, { detail: value }));
      }
      on(name, callback) { this.#target.addEventListener(name, callback); }
      off() { throw new Error('MystAnyModel.off not implemented yet.'); }
    }
    const host = document.createElement('div');
    document.body.append(host);
    const root = document.createElement('div');
    host.attachShadow({ mode: 'open' }).replaceChildren(root);
    const widget = (await import(esm)).default;
    const cleanup = await widget.render({ model: new MystModel(state), el: root });
    const trainer = root.querySelector('rnn-trainer');
    const result = await new Promise((resolve, reject) => {
      trainer.addEventListener('rnn-done', (event) => resolve(event.detail));
      trainer.addEventListener('rnn-error', (event) => reject(new Error(event.detail.message)));
    });
    cleanup();
    return { models: Object.keys(result.models), epochs: result.models.gru.epochs, left: root.children.length };
  }, widget.esm, widget.model);
  assert.deepEqual(outcome, { models: ['gru', 'lstm'], epochs: 150, left: 0 });
  await page.close();
});
