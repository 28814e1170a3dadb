import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { createRef, ref } from 'lit/directives/ref.js';

/** One entry of a menu: what it says and what it does. */
export interface MenuItem {
  label: string;
  run: () => void;
  /** Its `part` name(s), for styling and for tests; `menuitem` by default. */
  part?: string;
  /** For an entry that shows or hides something: `aria-controls` and whether it is shown. */
  controls?: { id: string; expanded: boolean };
}

let nextId = 0;

/**
 * A menu button (the WAI-ARIA pattern): one button with `aria-haspopup="menu"` opens
 * a list of actions as a native popover, in the top layer (so a chart's fixed-height
 * box never clips it) and light-dismissed by the browser: a click outside or Escape
 * closes it, and focus returns to the button. Arrow keys, Home and End move
 * between the entries; Down or Up on the button opens it at the first or last.
 */
export class MenuController implements ReactiveController {
  private open = false;
  private readonly id = `rnn-lab-menu-${++nextId}`;
  private readonly button = createRef<HTMLButtonElement>();
  private readonly list = createRef<HTMLElement>();
  /** Which entry gets focus when the menu opens: the first (0) or the last (-1). */
  private focusOnOpen = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.list.value?.matches(':popover-open')) this.list.value.hidePopover();
  }

  /** The button and its (closed) menu; `label` is the button's visible text, `name` its accessible name. */
  render(label: string | TemplateResult, items: MenuItem[], options: { name?: string; part?: string } = {}): TemplateResult {
    return html`<button part=${options.part ?? 'button menu-button'} class="menu-button" ${ref(this.button)}
        aria-haspopup="menu" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.id}
        aria-label=${options.name ?? (typeof label === 'string' ? label : '')} popovertarget=${this.id}
        @keydown=${this.onButtonKey}>${label}</button>
      <div role="menu" id=${this.id} class="menu" part="menu" popover="auto" aria-label=${options.name ?? label}
        ${ref(this.list)} @beforetoggle=${this.onBeforeToggle} @toggle=${this.onToggle} @keydown=${this.onMenuKey}>
        ${items.map((item) => html`<button role="menuitem" tabindex="-1" part=${item.part ?? 'menuitem'}
          aria-controls=${ifDefined(item.controls?.id)} aria-expanded=${ifDefined(item.controls && String(item.controls.expanded))}
          @click=${() => this.choose(item)}>${item.label}</button>`)}
      </div>`;
  }

  private entries(): HTMLButtonElement[] {
    return [...(this.list.value?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  }

  private choose(item: MenuItem): void {
    if (this.list.value?.matches(':popover-open')) this.list.value.hidePopover(); // focus goes back to the button
    item.run();
  }

  /** Whether focus was in the menu as it closed: then it goes back to the button. */
  private hadFocus = false;

  private readonly onBeforeToggle = (event: ToggleEvent) => {
    const root = this.list.value?.getRootNode() as ShadowRoot | undefined;
    this.hadFocus = event.newState === 'closed' && !!root?.activeElement && !!this.list.value?.contains(root.activeElement);
  };

  private readonly onToggle = (event: ToggleEvent) => {
    this.open = event.newState === 'open';
    this.host.requestUpdate();
    if (!this.open) {
      if (this.hadFocus) this.button.value?.focus();
      return;
    }
    this.place();
    const entries = this.entries();
    entries.at(this.focusOnOpen)?.focus();
    this.focusOnOpen = 0;
  };

  /** Under the button, inside the viewport (above it when there is no room below). */
  private place(): void {
    const button = this.button.value;
    const menu = this.list.value;
    if (!button || !menu) return;
    const anchor = button.getBoundingClientRect();
    const { width, height } = menu.getBoundingClientRect();
    const below = anchor.bottom + 2;
    menu.style.top = `${below + height > innerHeight ? Math.max(0, anchor.top - height - 2) : below}px`;
    menu.style.left = `${Math.max(0, Math.min(anchor.right - width, innerWidth - width))}px`;
  }

  private readonly onButtonKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    this.focusOnOpen = event.key === 'ArrowUp' ? -1 : 0;
    this.list.value?.showPopover();
  };

  private readonly onMenuKey = (event: KeyboardEvent) => {
    const entries = this.entries();
    const at = entries.indexOf((this.list.value?.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: entries.length - 1 }[event.key];
    if (event.key === 'Tab') this.list.value?.hidePopover();
    if (next === undefined) return;
    event.preventDefault();
    entries[(next + entries.length) % entries.length]?.focus();
  };
}

/** The menu button and its popover, in any element that uses MenuController. */
export const menuStyles = css`
  .menu {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0.25em 0;
    min-width: 10em;
    border: 1px solid var(--_border);
    border-radius: 0.4em;
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 0.25em 1em rgb(0 0 0 / 0.2);
    font: inherit;
    font-size: 0.9em;
  }
  .menu [role='menuitem'] {
    display: block;
    width: 100%;
    border: 0;
    border-radius: 0;
    padding: 0.4em 1em;
    text-align: start;
    background: none;
    color: inherit;
  }
  .menu [role='menuitem']:hover,
  .menu [role='menuitem']:focus-visible {
    background: color-mix(in srgb, var(--_accent) 15%, transparent);
  }
`;
