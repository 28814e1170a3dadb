// README's React example, as written there, plus the pack check's probe.
import { useRef } from 'react';
import 'rnn-lab/react';
import type { RnnTrainer } from 'rnn-lab';
import { onDone } from './probe.ts';

export function Experiment({ seqLen }: { seqLen: number }) {
  const ref = useRef<RnnTrainer>(null);
  return (
    <>
      <rnn-trainer
        ref={ref}
        id="t"
        models="gru"
        seqLen={seqLen}
        epochs={3}
        backend="cpu"
        autostart
        onrnn-epoch={(e) => console.log(e.detail.model, e.detail.epoch, e.detail.testLoss)}
        onrnn-done={(e) => void onDone(ref.current, e.detail)}
      />
      <loss-chart for="t" log />
      <prediction-chart for="t" />
      <gate-chart for="t" />
    </>
  );
}
