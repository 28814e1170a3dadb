import { expect } from '@open-wc/testing';
import { ATTRIBUTE_TABLE, CONFIG_ATTRIBUTES, NUMBER_RULES } from '../../src/core/config.js';

interface Described { name: string; description?: string }
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: (Described & { fieldName?: string })[];
  events?: Described[];
  members?: (Described & { kind: string; privacy?: string })[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
interface Manifest { modules: { path: string; declarations: Declaration[]; exports: { kind: string; name: string }[] }[] }

const EVENTS = ['rnn-start', 'rnn-epoch', 'rnn-done', 'rnn-stop', 'rnn-error'];

/** The names of `items` whose description is missing or empty. */
const undocumented = (items: Described[] = []) => items.filter((i) => !i.description?.trim()).map((i) => i.name);

describe('custom-elements.json', () => {
  let manifest: Manifest;
  let elements: Declaration[];
  let registered: string[];

  before(async () => {
    manifest = await (await fetch('/custom-elements.json')).json();
    elements = manifest.modules.flatMap((m) => m.declarations).filter((d) => d.customElement);
    // The tags that importing the package registers, whatever they are.
    registered = [];
    const define = customElements.define.bind(customElements);
    customElements.define = (name, constructor, options) => {
      registered.push(name);
      define(name, constructor, options);
    };
    await import('../../dist/rnn-lab.js');
  });

  it('is what package.json "customElements" names, and ships in the package', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(pkg.customElements).to.equal('custom-elements.json');
    expect(pkg.files).to.include('custom-elements.json');
  });

  it('describes every element the package registers, in the module users import', () => {
    expect(registered).to.include('rnn-trainer');
    expect(elements.map((e) => e.tagName)).to.include.members(registered);
    const definitions = manifest.modules.flatMap((m) => m.exports).filter((e) => e.kind === 'custom-element-definition');
    expect(definitions.map((d) => d.name)).to.include.members(registered);
    expect(manifest.modules.map((m) => m.path)).to.deep.equal(['dist/rnn-lab.js']);
  });

  it('lists every attribute and event of <rnn-trainer>, each linked and documented', () => {
    const trainer = elements.find((e) => e.tagName === 'rnn-trainer')!;
    const attributes = trainer.attributes!.map((a) => a.name);
    expect(attributes).to.include.members([...CONFIG_ATTRIBUTES]);
    expect(trainer.attributes!.find((a) => a.name === 'seq-len')!.fieldName).to.equal('seqLen');
    expect(trainer.events!.map((e) => e.name)).to.include.members(EVENTS);
    expect(trainer.cssParts!.length).to.be.greaterThan(0);
  });

  it('documents every attribute, public member, event, CSS part and custom property of every element', () => {
    for (const element of elements) {
      const members = (element.members ?? []).filter((m) => !m.privacy || m.privacy === 'public');
      expect(members.length, `${element.tagName} members`).to.be.greaterThan(0);
      for (const [what, items] of Object.entries({
        attributes: element.attributes, members, events: element.events, cssParts: element.cssParts, cssProperties: element.cssProperties,
      })) {
        expect(undocumented(items), `${element.tagName} ${what} without a description`).to.deep.equal([]);
      }
      expect(element.members!.filter((m) => m.privacy === 'private'), 'no private member').to.deep.equal([]);
    }
  });

  it('lists every --rnn-lab-* custom property the styles read', async () => {
    const { themeStyles } = await import('../../src/elements/theme.js');
    const read = new Set([...themeStyles.cssText.matchAll(/var\((--rnn-lab-[\w-]+)/g)].map((m) => m[1]));
    for (const element of elements) {
      expect(element.cssProperties!.map((p) => p.name), element.tagName!).to.include.members([...read]);
    }
  });

  it('the README table gives every configuration attribute with its default and range from the one table', async () => {
    const readme = await (await fetch('/README.md')).text();
    for (const name of CONFIG_ATTRIBUTES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `README row of ${name}`).to.be.a('string');
      const fallback = ATTRIBUTE_TABLE[name].default;
      const cell = row!.split('|')[2].trim().replace(/`/g, '');
      expect(cell, `README default of ${name}`).to.equal(fallback ?? (name === 'autostart' ? 'off' : '—'));
      const rule = (NUMBER_RULES as Record<string, { min: number; max: number }>)[name];
      if (rule && rule.max < Number.MAX_SAFE_INTEGER && name !== 'pace') expect(row, `README range of ${name}`).to.contain(String(rule.max));
    }
  });
});
