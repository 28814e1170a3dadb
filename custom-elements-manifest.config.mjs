// `npm run build` writes custom-elements.json (the Custom Elements Manifest) from the
// elements' JSDoc (@attr, @fires, @csspart, @cssprop, @slot, and the doc of each public
// member). package.json "customElements" points editors, linters and docs tools at it.

const camelCase = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/**
 * Describes what users import, not our source tree: the npm build is one module,
 * dist/rnn-lab.js, that declares every element and registers each tag. Private and
 * protected members are implementation, so they are left out; each attribute is
 * linked to its camelCase property.
 */
function publishedModule() {
  return {
    name: 'rnn-lab-published-module',
    packageLinkPhase({ customElementsManifest: manifest }) {
      // An element without a tag is an abstract base (the charts' ChartElement): users never register it.
      const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
      for (const element of elements) {
        element.members = (element.members ?? []).filter((m) => !m.privacy || m.privacy === 'public');
        for (const attribute of element.attributes ?? []) {
          const field = element.members.find((m) => m.kind === 'field' && m.name === camelCase(attribute.name));
          if (!field) continue;
          attribute.fieldName = field.name;
          attribute.type ??= field.type;
          field.attribute = attribute.name;
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
