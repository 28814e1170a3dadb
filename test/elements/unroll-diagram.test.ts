import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../dist/rnn-lab.js';
import type { RnnTrainer } from '../../src/elements/rnn-trainer/rnn-trainer.js';
import type { UnrollDiagram } from '../../src/elements/unroll-diagram/unroll-diagram.js';
import { windowSequences } from '../../src/core/windows.js';

async function page(seqLen: number, lang = 'en', width = '800px') {
  const root = await fixture<HTMLDivElement>(html`<div lang=${lang} style="width: ${width}">
    <rnn-trainer id="u" seq-len=${seqLen} epochs="2" charts="none" controls="none"></rnn-trainer>
    <unroll-diagram for="u"></unroll-diagram></div>`);
  const diagram = root.querySelector('unroll-diagram') as UnrollDiagram;
  await diagram.updateComplete;
  return { trainer: root.querySelector('rnn-trainer') as RnnTrainer, diagram };
}

/** The texts of the nodes of one kind (input, hidden, output, target), in drawing order. */
function symbols(diagram: UnrollDiagram, kind: string): string[] {
  return [...diagram.shadowRoot!.querySelectorAll(`.node.${kind} .symbol`)].map((e) => e.textContent!);
}
function values(diagram: UnrollDiagram, kind: string): number[] {
  return [...diagram.shadowRoot!.querySelectorAll(`.node.${kind} .value`)].map((e) => Number(e.textContent));
}
const label = (diagram: UnrollDiagram) => diagram.shadowRoot!.querySelector('svg[role="img"]')!.getAttribute('aria-label')!;
const button = (diagram: UnrollDiagram, text: string) =>
  [...diagram.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(text))!;

describe('<unroll-diagram>', () => {
  it('draws x₁…x_T, h₀…h_T and ŷ₁…ŷ_T for the trainer`s seq-len, each ŷ_t paired with x_(t+1), and follows seq-len changes', async () => {
    const { trainer, diagram } = await page(4);
    expect(symbols(diagram, 'input')).to.deep.equal(['x₁', 'x₂', 'x₃', 'x₄']);
    expect(symbols(diagram, 'hidden')).to.deep.equal(['h₀', 'h₁', 'h₂', 'h₃', 'h₄']);
    expect(symbols(diagram, 'output')).to.deep.equal(['ŷ₁', 'ŷ₂', 'ŷ₃', 'ŷ₄']);
    expect(symbols(diagram, 'target')).to.deep.equal(['x₂', 'x₃', 'x₄', 'x₅']);
    expect(diagram.shadowRoot!.querySelectorAll('.compare')).to.have.length(4);
    // The state carried in and out, detached: dashed arrows at both ends.
    expect(diagram.shadowRoot!.querySelectorAll('.arrow.carried')).to.have.length(2);
    expect(label(diagram)).to.contain('4 time steps').and.contain('no gradient flows between sequences');
    trainer.seqLen = 6;
    await waitUntil(() => symbols(diagram, 'input').length === 6, 'the diagram to follow seq-len');
    expect(symbols(diagram, 'hidden').at(-1)).to.equal('h₆');
  });

  it('shows the numbers of the last training sequence, then the closed loop of the test in test mode', async () => {
    const { trainer, diagram } = await page(5);
    await trainer.start();
    await diagram.updateComplete;
    const series = trainer.series!;
    const { count, inputs, targets } = windowSequences(series.subarray(0, trainer.splitIndex), 5);
    const last = (count - 1) * 5;
    const close = (got: number[], want: ArrayLike<number>) => got.forEach((v, i) => expect(v).to.be.closeTo(want[i], Math.abs(want[i]) * 0.01 + 1e-3));
    close(values(diagram, 'input'), inputs.subarray(last, last + 5));
    close(values(diagram, 'target'), targets.subarray(last, last + 5));
    // The predictions of that training step, as the gradient recording brought them.
    close(values(diagram, 'output'), trainer.gradients.gru.outputs);

    button(diagram, 'Test').click();
    await diagram.updateComplete;
    expect(diagram.mode).to.equal('test');
    expect(button(diagram, 'Test').getAttribute('aria-pressed')).to.equal('true');
    const rollout = trainer.predictions.gru;
    close(values(diagram, 'output'), rollout.subarray(0, 5));
    // Each prediction is the next input: x₂ = ŷ₁, …, and x₁ is the first test value.
    close(values(diagram, 'input'), [series[trainer.splitIndex], ...rollout.subarray(0, 4)]);
    expect(diagram.shadowRoot!.querySelectorAll('.feedback')).to.have.length(4);
    expect(diagram.shadowRoot!.querySelectorAll('.arrow.carried')).to.have.length(1);
    expect(label(diagram)).to.contain('closed loop');
  });

  it('shows the recurrent run of a trainer that also trains an MLP', async () => {
    const { trainer, diagram } = await page(5);
    trainer.models = 'mlp gru';
    await trainer.start();
    await diagram.updateComplete;
    expect(label(diagram)).to.contain('of GRU at epoch 2');
    button(diagram, 'Test').click();
    await diagram.updateComplete;
    const first = trainer.predictions.gru[0];
    expect(values(diagram, 'output')[0]).to.be.closeTo(first, Math.abs(first) * 0.01 + 1e-3);
  });

  it('colours each recurrent arrow by ||dL/dh_t|| once the trainer records gradients', async () => {
    const { trainer, diagram } = await page(6);
    expect(diagram.shadowRoot!.querySelectorAll('.arrow.recurrent.coloured')).to.have.length(0);
    await trainer.start();
    await diagram.updateComplete;
    const grad = trainer.gradients.gru.hiddenGrad;
    const arrows = [...diagram.shadowRoot!.querySelectorAll<SVGGElement>('.arrow.recurrent.coloured')];
    expect(arrows).to.have.length(6);
    const strongest = grad.indexOf(Math.max(...grad));
    // The largest gradient is drawn in the top colour of the scale (viridis yellow).
    expect(arrows[strongest].style.stroke).to.equal('rgb(253, 231, 37)');
    expect(label(diagram)).to.contain('‖∂L/∂h_t‖ of GRU at epoch 2');
  });

  it('collapses a long sequence into "……", and expands it from the keyboard', async () => {
    const { diagram } = await page(50);
    expect(symbols(diagram, 'input')).to.deep.equal(['x₁', 'x₂', 'x₃', 'x₄₈', 'x₄₉', 'x₅₀']);
    const expand = button(diagram, 'Show all 50 steps');
    expect(expand.getAttribute('aria-expanded')).to.equal('false');
    expand.focus();
    await sendKeys({ press: 'Enter' });
    await diagram.updateComplete;
    expect(symbols(diagram, 'input')).to.have.length(50);
    expect(button(diagram, 'Show fewer').getAttribute('aria-expanded')).to.equal('true');
  });

  it('fits 320 px: fewer steps kept when collapsed, nothing wider than the element', async () => {
    const { diagram } = await page(20, 'en', '320px');
    await waitUntil(() => symbols(diagram, 'input').length === 4, 'the narrow layout');
    const svgBox = diagram.shadowRoot!.querySelector('svg')!.getBoundingClientRect();
    expect(svgBox.width).to.be.at.most(diagram.getBoundingClientRect().width + 0.5);
    expect(diagram.scrollWidth).to.be.at.most(320);
  });

  it('speaks Simplified Chinese and is accessible in both modes', async () => {
    const { trainer, diagram } = await page(20, 'zh-CN');
    await trainer.start();
    await diagram.updateComplete;
    expect(label(diagram)).to.contain('20 个时间步').and.contain('多对多');
    expect(button(diagram, '训练').getAttribute('aria-pressed')).to.equal('true');
    await expect(diagram).to.be.accessible();
    button(diagram, '测试').click();
    await diagram.updateComplete;
    await expect(diagram).to.be.accessible();
    button(diagram, '显示全部').click();
    await diagram.updateComplete;
    await expect(diagram).to.be.accessible();
  });
});
