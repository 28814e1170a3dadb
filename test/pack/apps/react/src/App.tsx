// The page the pack check trains on: every element, typed props and events, the probe.
import { useRef } from 'react';
import 'rnn-lab/react';
import type { RnnTrainer } from 'rnn-lab';
import { onDone } from './probe.ts';

export function App({ seqLen }: { seqLen: number }) {
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
