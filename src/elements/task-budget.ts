/**
 * Main-thread work in slices: a page with a dozen trainers upgrades them all in
 * one task (the module runs once, and every element renders in its microtasks),
 * which on a slow phone is a long task that holds the page's first clicks. An
 * element first asks `overBudget()`; past RENDER_SLICE_MS of work in the current task,
 * it waits for `nextTask()` and the browser gets its turn (input, paint) between.
 */
import { RENDER_SLICE_MS } from '../core/rates.js';

let sliceStart = -1;
/** When an element last rendered (see `renderedSince`). */
let lastRender = -Infinity;
/**
 * True in the task that evaluates this bundle, which is full already (on a slow phone,
 * most of the 200 ms a page may take to load): the elements it defines render from the
 * next task on.
 */
let evaluating = true;
const channel = new MessageChannel();
const waiting: Array<() => void> = [];
// One message per waiter: each resumes in its own task, after the slice's reset.
channel.port1.onmessage = () => {
  evaluating = false;
  sliceStart = -1;
  waiting.shift()?.();
};
channel.port2.postMessage(null); // ends `evaluating`

/** True once this task has run elements' work for more than RENDER_SLICE_MS. */
export function overBudget(): boolean {
  if (evaluating) return true;
  const now = performance.now();
  if (sliceStart < 0) {
    sliceStart = now;
    channel.port2.postMessage(null); // runs after this task: the next slice starts afresh
  }
  return now - sliceStart > RENDER_SLICE_MS;
}

/** Resolves in a task of its own, after the browser has had its turn. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** For an element's `scheduleUpdate`: updates at once, or in a later task when this one is full. */
export function updateInBudget(update: () => void): void | Promise<void> {
  const render = () => {
    lastRender = performance.now();
    update();
  };
  if (!overBudget()) return render();
  return nextTask().then(render);
}

/**
 * A render's wait for its turn (a training trainer's status, an off-screen gate chart's
 * new recording) that something more pressing ends early: a click, a new run state,
 * the element coming into view.
 */
export class RenderWait {
  private end: (() => void) | null = null;

  /**
   * Resolves after `ms`, or at `now()`. Ask only when there is a wait, and await it
   * directly: a render that waited resumes in the microtask right after `now()`, so a
   * new state's render is done before the listeners of the event that follows it
   * (`rnn-stop`) resume, as it is when there was no wait.
   */
  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.end = null;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.end = end;
    });
  }

  /** Ends the wait going on, if any. */
  now(): void {
    this.end?.();
  }
}

/** True when an element has rendered since `time`: the page's style and layout are out of date. */
export function renderedSince(time: number): boolean {
  return lastRender >= time;
}
