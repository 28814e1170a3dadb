import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/localize.js';
import { download, downloadCsv } from '../download.js';
import { MenuController, type MenuItem } from '../menu.js';
import { EMBED_KINDS, type EmbedKind } from './exports.js';
import type { TrainingSession } from './training-session.js';

/** What the menu exports, through the trainer's public methods. */
interface Exporter extends ReactiveControllerHost {
  exportResults(format: 'json' | 'csv'): string;
  exportWeights(key?: string): unknown;
  embedCode(kind: EmbedKind): string;
}

const saveText = (text: string, fileName: string, type: string) => download(new Blob([text], { type }), fileName);

/**
 * The trainer's one "Export" menu: the results as JSON or CSV and each model's
 * weights once training has stopped, and the embed code (script tag, iframe or
 * link) at any time.
 */
export class ExportMenu {
  private readonly menu: MenuController;
  /** True for a few seconds after the embed code was copied. */
  private copied = false;

  constructor(private readonly host: Exporter, private readonly session: TrainingSession, private readonly i18n: LocalizeController) {
    this.menu = new MenuController(host);
  }

  private items(): MenuItem[] {
    const { host, session, i18n } = this;
    const hasResults = Object.keys(session.history).length > 0 && !session.running;
    const items: MenuItem[] = [];
    if (hasResults) {
      items.push(
        { label: i18n.t('action.exportJson'), part: 'menuitem export-json',
          run: () => saveText(host.exportResults('json'), 'rnn-lab-results.json', 'application/json') },
        { label: i18n.t('action.exportCsv'), part: 'menuitem export-csv',
          run: () => downloadCsv(host.exportResults('csv'), 'rnn-lab-results.csv') },
      );
    }
    if (!session.config?.sweep) {
      for (const key of Object.keys(session.parameters)) {
        items.push({
          label: i18n.t('action.exportWeights', { model: i18n.runLabel(key) }), part: 'menuitem export-weights',
          run: () => saveText(JSON.stringify(host.exportWeights(key)), `${key}-weights.json`, 'application/json'),
        });
      }
    }
    // The three kinds of embed code: script tag (a page that takes scripts), iframe and link (one that does not).
    for (const kind of EMBED_KINDS) {
      items.push({
        label: i18n.t('action.copyEmbedKind', { kind: i18n.t(`embed.${kind}`) }), part: `menuitem copy-embed copy-embed-${kind}`,
        run: () => this.copyEmbed(kind),
      });
    }
    return items;
  }

  render(): TemplateResult {
    return html`${this.menu.render(this.i18n.t('action.export'), this.items(), { part: 'button export' })}
      <span class="copied" role="status">${this.copied ? this.i18n.t('status.copied') : ''}</span>`;
  }

  private async copyEmbed(kind: EmbedKind): Promise<void> {
    const code = this.host.embedCode(kind);
    try {
      await navigator.clipboard.writeText(code);
      this.copied = true;
    } catch {
      // No clipboard (an insecure page, or permission refused): show the snippet to copy by hand.
      window.prompt(this.i18n.t('action.copyEmbed'), code);
    }
    this.host.requestUpdate();
    setTimeout(() => {
      this.copied = false;
      this.host.requestUpdate();
    }, 3000);
  }
}
