import { expect } from '@open-wc/testing';
import type { RecurrentKind } from '../../../src/core/model-layout.js';
import { probeGradients } from '../../../workers/engine/gradient-probe.js';
import { maxRelativeError } from '../../support/close.js';

/** One case of test/reference/gradients.json, written by make_gradient_fixtures.py with PyTorch 1.13. */
export interface GradientCase {
  kind: RecurrentKind;
  hidden: number;
  seqLen: number;
  trainedEpochs: number;
  stateDict: Record<string, unknown>;
  /** The parameters before the last sequence's step, flat; the state carried into it; its inputs and targets. */
  params: number[];
  state: number[];
  x: number[];
  target: number[];
  connectivity: number[];
  hiddenGrad: number[];
  outputs: number[];
}

const fixture: { torch: string; cases: GradientCase[] } = await (await fetch('/test/reference/gradients.json')).json();

describe(`BPTT gradients of one sequence, against PyTorch ${fixture.torch}'s unrolled cells (test/reference/gradients.json)`, () => {
  for (const c of fixture.cases) {
    const name = `${c.trainedEpochs ? 'a trained' : 'an untrained'} ${c.kind.toUpperCase()}`;
    it(`gives ${name}'s |d yhat_{T-1}/d x_t| and ||dL/dh_t|| for every step, within 1e-5 of each vector's largest value`, () => {
      const got = probeGradients(c.kind, c.hidden, Float32Array.from(c.params), Float32Array.from(c.state), c.x, c.target);
      expect(got.connectivity).to.have.length(c.seqLen);
      expect(got.hiddenGrad).to.have.length(c.seqLen);
      const errors = {
        connectivity: maxRelativeError(got.connectivity, c.connectivity),
        hiddenGrad: maxRelativeError(got.hiddenGrad, c.hiddenGrad),
      };
      expect(errors.connectivity, 'connectivity').to.be.below(1e-5);
      expect(errors.hiddenGrad, 'hiddenGrad').to.be.below(1e-5);
      expect(maxRelativeError(got.outputs, c.outputs), 'outputs').to.be.below(1e-5);
    });
  }

});
