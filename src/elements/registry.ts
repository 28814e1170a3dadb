/**
 * Registering rnn-lab's tags: at once (`define`), or on first use (`defineOnUse`),
 * which the CDN build does for its optional elements so that a page loads their
 * code only when it has one.
 */

/** Registers `name` unless it is taken: a second copy of the library on the page does not throw. */
export function define(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}

/** An element's class, from its lazy chunk. */
export type ElementLoader = () => Promise<CustomElementConstructor>;

/**
 * A property set on an element before its class arrived is an own data property
 * that would hide the class's accessor (`chart.source = trainer` right after
 * `document.createElement('gate-chart')`). Lit re-applies its declared properties
 * itself; this re-applies the others, through their setters.
 */
function withEarlyProperties(base: CustomElementConstructor): CustomElementConstructor {
  return class extends base {
    constructor() {
      super();
      const early = this as unknown as Record<string, unknown>;
      for (const key of Object.keys(early)) {
        if (!setterOf(base.prototype, key)) continue;
        const value = early[key];
        delete early[key];
        early[key] = value;
      }
    }
  };
}

function setterOf(prototype: object | null, key: string): unknown {
  for (let p = prototype; p; p = Object.getPrototypeOf(p)) {
    const descriptor = Object.getOwnPropertyDescriptor(p, key);
    if (descriptor) return descriptor.set;
  }
  return undefined;
}

/**
 * Registers each tag of `loaders` the first time an element of it is in the
 * document, as Shoelace's autoloader does: the tags already there when this runs
 * (written before the script loaded), and any added later, by markup, `innerHTML`
 * or `document.createElement` and insertion. `customElements.whenDefined(tag)`
 * resolves once its class is registered. An element in a shadow root is found
 * when its root is passed to `discover` (rnn-lab's own elements render none).
 */
export function defineOnUse(loaders: Record<string, ElementLoader>): (root: ParentNode) => void {
  const pending = new Map(Object.entries(loaders));
  const selector = [...pending.keys()].join(',');
  const load = (tag: string) => {
    const loader = pending.get(tag);
    if (!loader) return;
    pending.delete(tag);
    loader().then(
      (constructor) => define(tag, withEarlyProperties(constructor)),
      (error: unknown) => {
        pending.set(tag, loader); // a later element tries again
        console.error(`rnn-lab: <${tag}> did not load`, error);
      },
    );
  };
  const discover = (root: ParentNode) => {
    if (pending.size === 0) return;
    if (root instanceof Element) load(root.localName);
    for (const element of root.querySelectorAll(selector)) load(element.localName);
  };
  for (const tag of pending.keys()) if (customElements.get(tag)) pending.delete(tag);
  discover(document);
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
    if (pending.size === 0) observer.disconnect();
  });
  if (pending.size > 0) observer.observe(document, { childList: true, subtree: true });
  return discover;
}
