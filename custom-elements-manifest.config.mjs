// `npm run build` writes custom-elements.json (the Custom Elements Manifest) from the
// elements' JSDoc (@attr, @fires, @csspart, @cssprop, @slot, and the doc of each public
// member). package.json "customElements" points editors, linters and docs tools at it.

import { buildSync } from 'esbuild';

/** src/core/config.ts, where each configuration attribute is described once (ATTRIBUTE_TABLE). */
const config = await import(`data:text/javascript,${encodeURIComponent(buildSync({
  entryPoints: ['src/core/config.ts'], bundle: true, write: false, format: 'esm', logLevel: 'silent',
}).outputFiles[0].text)}`);

/**
 * Describes what users import, not our source tree: the npm build is one module,
 * dist/rnn-lab.js, that declares every element and registers each tag. Private and
 * protected members are implementation, so they are left out. `<rnn-trainer>`'s
 * configuration attributes, and their properties, take their descriptions (range,
 * default) from the one table of them.
 */
function publishedModule() {
  return {
    name: 'rnn-lab-published-module',
    packageLinkPhase({ customElementsManifest: manifest }) {
      // An element without a tag is an abstract base (the charts' ChartElement): users never register it.
      const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
      for (const element of elements) {
        element.members = (element.members ?? []).filter((m) => !m.privacy || m.privacy === 'public');
        if (element.tagName !== 'rnn-trainer') continue;
        for (const attribute of element.attributes ?? []) {
          if (!(attribute.name in config.ATTRIBUTE_TABLE)) continue;
          attribute.description = config.describeAttribute(attribute.name);
          const field = element.members.find((m) => m.name === attribute.fieldName);
          if (field) field.description = attribute.description;
        }
      }
      const path = 'dist/rnn-lab.js';
      manifest.modules = [{
        kind: 'javascript-module',
        path,
        declarations: elements,
        exports: elements.flatMap((e) => [
          { kind: 'js', name: e.name, declaration: { name: e.name, module: path } },
          { kind: 'custom-element-definition', name: e.tagName, declaration: { name: e.name, module: path } },
        ]),
      }];
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publishedModule()],
};
