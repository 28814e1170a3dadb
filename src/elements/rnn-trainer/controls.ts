import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  DEFAULT_ATTRIBUTES, MODEL_KINDS, NUMBER_RULES, type ConfigAttribute, type ControlName, type NumericAttribute,
} from '../../core/config.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { MessageKey } from '../../i18n/translate.js';

/** The controls read and write the trainer's attributes, and speak the reader's language. */
interface ControlHost {
  element: HTMLElement;
  i18n: LocalizeController;
}

const value = (host: ControlHost, name: ConfigAttribute) =>
  host.element.getAttribute(name) ?? DEFAULT_ATTRIBUTES[name] ?? '';

/** Writes an attribute from a control: it is validated (and training restarted) as if the page set it. */
function commit(host: ControlHost, name: ConfigAttribute, text: string): void {
  if (host.element.getAttribute(name) !== text) host.element.setAttribute(name, text);
}

const label = (host: ControlHost, name: string) => host.i18n.t(`attr.${name}` as MessageKey);

function modelsControl(host: ControlHost): TemplateResult {
  const chosen = value(host, 'models').toLowerCase().split(/[\s,]+/).filter(Boolean);
  const toggle = (model: string, on: boolean) => {
    const next = MODEL_KINDS.filter((m) => (m === model ? on : chosen.includes(m)));
    commit(host, 'models', next.join(' '));
  };
  return html`
    <fieldset class="models" part="control">
      <legend>${label(host, 'models')}</legend>
      ${MODEL_KINDS.map((model) => {
        const checked = chosen.includes(model);
        // The last chosen model cannot be unchecked: a trainer needs one.
        const last = checked && chosen.length === 1;
        return html`<label class="check">
          <input type="checkbox" name="model" .checked=${live(checked)} ?disabled=${last}
            @change=${(e: Event) => toggle(model, (e.target as HTMLInputElement).checked)}>
          ${model.toUpperCase()}
        </label>`;
      })}
    </fieldset>`;
}

function numberControl(host: ControlHost, name: NumericAttribute): TemplateResult {
  const rule = NUMBER_RULES[name];
  const step = rule.integer ? '1' : name === 'split' ? '0.05' : 'any';
  return html`
    <label class="field" part="control">
      <span>${label(host, name)}</span>
      <input type="number" name=${name} min=${rule.openMin ? nothing : rule.min}
        max=${rule.max < Number.MAX_SAFE_INTEGER ? rule.max : nothing} step=${step}
        inputmode=${rule.integer ? 'numeric' : 'decimal'} .value=${live(value(host, name))}
        @change=${(e: Event) => commit(host, name, (e.target as HTMLInputElement).value)}>
    </label>`;
}

/** Two significant digits: what a log-scale slider can sensibly mean. */
const fromLog = (position: number) => String(Number((10 ** position).toPrecision(2)));

function learningRateControl(host: ControlHost): TemplateResult {
  const text = value(host, 'learning-rate');
  const rate = Number(text);
  const position = Number.isFinite(rate) && rate > 0 ? Math.log10(rate) : -3.3;
  const id = 'learning-rate-label';
  return html`
    <div class="field learning-rate" role="group" aria-labelledby=${id} part="control">
      <span id=${id}>${label(host, 'learning-rate')}</span>
      <span class="pair">
        <input type="range" min="-5" max="0" step="0.05" .value=${live(String(position))}
          aria-label=${host.i18n.t('control.learningRateSlider')}
          aria-valuetext=${Number.isFinite(rate) ? host.i18n.number(rate) : text}
          @input=${(e: Event) => {
            const field = (e.target as HTMLElement).nextElementSibling as HTMLInputElement;
            field.value = fromLog(Number((e.target as HTMLInputElement).value));
          }}
          @change=${(e: Event) => commit(host, 'learning-rate', fromLog(Number((e.target as HTMLInputElement).value)))}>
        <input type="number" name="learning-rate" min="0" max="1" step="any" inputmode="decimal"
          aria-label=${label(host, 'learning-rate')} .value=${live(text)}
          @change=${(e: Event) => commit(host, 'learning-rate', (e.target as HTMLInputElement).value)}>
      </span>
    </div>`;
}

/** The controls the `controls` attribute lists, in a fixed order; nothing for `none`. */
export function renderControls(element: HTMLElement, i18n: LocalizeController, controls: ControlName[]):
  TemplateResult | typeof nothing {
  if (controls.length === 0) return nothing;
  const host = { element, i18n };
  const order: ControlName[] = ['models', 'seq-len', 'hidden-size', 'learning-rate', 'epochs', 'split', 'seed'];
  return html`
    <div class="controls" part="controls" role="group" aria-label=${i18n.t('control.group')}>
      ${order.filter((name) => controls.includes(name)).map((name) =>
        name === 'models' ? modelsControl(host)
          : name === 'learning-rate' ? learningRateControl(host)
            : numberControl(host, name))}
    </div>`;
}
