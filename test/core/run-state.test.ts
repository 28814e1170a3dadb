import { expect } from '@open-wc/testing';
import { RUN_EVENTS, RUN_STATES, RunMachine, isRunning, nextRunState, type RunEvent, type RunState } from '../../src/core/run-state.js';

/**
 * The run's life, written out in full: every state against every event. `·` is
 * "ignored". Read a row as "in this state, this event leads to".
 */
const EXPECTED: Record<RunState, Record<RunEvent, RunState | '·'>> = {
  //        start      loaded      pause     resume      stop       finish   fail     reset   clear   restore
  idle: { start: 'loading', loaded: '·', pause: '·', resume: '·', stop: '·', finish: '·', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  loading: { start: 'loading', loaded: 'training', pause: 'paused', resume: '·', stop: 'stopped', finish: '·', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  training: { start: 'loading', loaded: '·', pause: 'paused', resume: '·', stop: 'stopped', finish: 'done', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  paused: { start: 'loading', loaded: 'paused', pause: '·', resume: 'training', stop: 'stopped', finish: 'done', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  done: { start: 'loading', loaded: '·', pause: '·', resume: '·', stop: '·', finish: '·', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  stopped: { start: 'loading', loaded: '·', pause: '·', resume: '·', stop: '·', finish: '·', fail: 'error', reset: 'idle', clear: '·', restore: '·' },
  error: { start: 'loading', loaded: '·', pause: '·', resume: '·', stop: '·', finish: '·', fail: 'error', reset: 'idle', clear: 'idle', restore: 'done' },
};

describe('the run state machine', () => {
  for (const state of RUN_STATES) {
    for (const event of RUN_EVENTS) {
      const expected = EXPECTED[state][event];
      it(`${state} + ${event} -> ${expected === '·' ? 'ignored' : expected}`, () => {
        expect(nextRunState(state, event)).to.equal(expected === '·' ? null : expected);
        const machine = new RunMachine(state);
        expect(machine.send(event)).to.equal(expected !== '·');
        expect(machine.state).to.equal(expected === '·' ? state : expected);
      });
    }
  }

  it('counts loading, training and paused as running, nothing else', () => {
    expect(RUN_STATES.filter(isRunning)).to.deep.equal(['loading', 'training', 'paused']);
  });

  it('keeps a pause that arrives before the run has loaded, and a stop ends it before its first epoch', () => {
    const early = new RunMachine();
    early.send('start');
    early.send('pause');
    early.send('loaded');
    expect(early.state).to.equal('paused');
    early.send('resume');
    expect(early.state).to.equal('training');

    const stopped = new RunMachine();
    stopped.send('start');
    stopped.send('stop');
    expect(stopped.send('loaded')).to.equal(false);
    expect(stopped.state).to.equal('stopped');
  });

  it('tells listeners of every change, and wakes a paused waiter on resume or stop', async () => {
    const machine = new RunMachine();
    const seen: string[] = [];
    machine.onChange((state, previous) => seen.push(`${previous}>${state}`));
    machine.send('start');
    machine.send('loaded');
    machine.send('pause');
    const resumed = machine.whenNotPaused();
    machine.send('pause'); // ignored: no change
    machine.send('stop');
    await resumed;
    expect(seen).to.deep.equal(['idle>loading', 'loading>training', 'training>paused', 'paused>stopped']);
  });
});
