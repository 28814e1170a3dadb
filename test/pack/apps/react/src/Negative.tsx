// Types that must be rejected: each line under @ts-expect-error is an error, or tsc
// reports the directive as unused and the pack check fails.
import type { TrainResult } from 'rnn-lab';

export function Negative() {
  return (
    <>
      {/* @ts-expect-error a property's value of the wrong type */}
      <rnn-trainer seqLen="twenty" />
      {/* @ts-expect-error an object where a number goes */}
      <rnn-trainer epochs={{ bogus: true }} />
      {/* @ts-expect-error the detail of rnn-done has no such field */}
      <rnn-trainer onrnn-done={(e) => e.detail.nope} />
      {/* @ts-expect-error a handler for another event's detail */}
      <rnn-trainer onrnn-epoch={(e: CustomEvent<TrainResult>) => e.detail.models} />
      {/* @ts-expect-error no such attribute on a chart */}
      <loss-chart bogus="1" />
    </>
  );
}
