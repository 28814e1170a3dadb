import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CONTROL_NAMES, DEFAULT_ATTRIBUTES, type ConfigAttribute } from '../../core/config.js';
import { TRAINER_ATTRIBUTES, encodeFragmentPart, fragmentEntries, type Entry } from '../../core/embed-params.js';
import type { RnnLabError } from '../../core/errors.js';

type Host = ReactiveControllerHost & HTMLElement;

/** What the reader can change in the controls (seed among them): what a permalink keeps. */
const KEPT: readonly ConfigAttribute[] = CONTROL_NAMES;

const controllers = new WeakMap<HTMLElement, PermalinkController>();

/** The permalink controller of a trainer (embed.html reports the keys it cannot read through it). */
export function permalinkOf(trainer: HTMLElement): PermalinkController | undefined {
  return controllers.get(trainer);
}

/** True once one trainer has scrolled to the fragment's anchor: the page has one anchor. */
let anchorHandled = false;

/**
 * Keeps a trainer's settings in the page's URL fragment while its `permalink`
 * attribute is set, so that a copied link reopens the reader's experiment.
 *
 * Keys are `ID.ATTRIBUTE` (`#p.seq-len=30&p.seed=3`) for a trainer with an id,
 * so that several trainers keep theirs apart, and the bare attribute name for
 * one without (embed.html's form). Every other part of the fragment is left as
 * it is. Writing uses `history.replaceState`: a reader's changes add no history
 * entries.
 */
export class PermalinkController implements ReactiveController {
  private readonly host: Host;
  private readonly reportError: (error: RnnLabError) => void;
  /** The kept attributes' values before the fragment was read: what needs no key. */
  private baseline = new Map<string, string>();
  private observer: MutationObserver | null = null;

  /** `report` shows an error as the trainer's own (state `error`, its alert, `rnn-error`). */
  constructor(host: Host, report: (error: RnnLabError) => void) {
    this.host = host;
    this.reportError = report;
    controllers.set(host, this);
    host.addController(this);
  }

  /** Shows `error` as the trainer's own: how a page reports a setting it could not read. */
  report(error: RnnLabError): void {
    this.reportError(error);
  }

  hostConnected(): void {
    if (!this.host.hasAttribute('permalink')) return;
    this.baseline = new Map(KEPT.map((name) => [name, this.value(name)]));
    this.restore();
    this.observer = new MutationObserver(() => this.write());
    this.observer.observe(this.host, { attributeFilter: [...KEPT] });
    window.addEventListener('hashchange', this.onHashChange);
    scrollToAnchor();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private get prefix(): string {
    return this.host.id ? `${this.host.id}.` : '';
  }

  private value(name: ConfigAttribute): string {
    return this.host.getAttribute(name) ?? DEFAULT_ATTRIBUTES[name] ?? '';
  }

  /** This trainer's entries in the fragment, by attribute name. */
  private ownEntries(): Map<string, string | null> {
    const own = new Map<string, string | null>();
    for (const [key, value] of fragmentEntries(location.hash)) {
      const name = key.startsWith(this.prefix) ? key.slice(this.prefix.length) : null;
      if (name !== null && (TRAINER_ATTRIBUTES as readonly string[]).includes(name)) own.set(name, value);
    }
    return own;
  }

  /** Sets the attributes the fragment names (any trainer attribute: a link may carry more than the controls). */
  private restore(): void {
    for (const [name, value] of this.ownEntries()) {
      if (name === 'autostart') this.host.toggleAttribute(name, value !== 'false');
      else if (this.host.getAttribute(name) !== (value ?? '')) this.host.setAttribute(name, value ?? '');
    }
  }

  /**
   * Writes the kept attributes that differ from the page's own values, or that
   * the fragment already names, and leaves every other part as it was.
   */
  private write(): void {
    const own = this.ownEntries();
    const wanted: Entry[] = KEPT
      .filter((name) => own.has(name) || this.value(name) !== this.baseline.get(name))
      .map((name) => [`${this.prefix}${name}`, this.value(name)]);
    const raw = location.hash.slice(1);
    const parts = raw ? raw.split('&') : [];
    for (const [key, value] of wanted) {
      const part = `${encodeFragmentPart(key)}=${encodeFragmentPart(value!)}`;
      const at = parts.findIndex((p) => fragmentEntries(p)[0]?.[0] === key);
      if (at >= 0) parts[at] = part;
      else parts.push(part);
    }
    const next = parts.join('&');
    if (next === raw) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${next}`);
  }

  /** A new fragment that names this trainer's settings is a new link: read it. Otherwise keep ours in it. */
  private readonly onHashChange = () => {
    if (this.ownEntries().size > 0) this.restore();
    else this.write();
  };
}

/**
 * The browser scrolls to `#intro` but not to `#intro&p.seq-len=30`: scroll to
 * the first bare part when it names an element, as the browser would have.
 */
function scrollToAnchor(): void {
  if (anchorHandled) return;
  anchorHandled = true;
  const [first] = fragmentEntries(location.hash);
  if (!first || first[1] !== null || fragmentEntries(location.hash).length < 2) return;
  const scroll = () => document.getElementById(first[0])?.scrollIntoView();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scroll, { once: true });
  else requestAnimationFrame(scroll);
}
