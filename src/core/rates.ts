/**
 * Every rate limit and time bound of a training run, in one place. Each says who
 * applies it; docs/architecture.md shows where they sit in the data flow.
 *
 * worker ──progress batch (≤ 1 per PROGRESS_MS)───────▶ page ──rnn-epoch (≤ 1 per run per frame)──▶ listeners
 *        ──gates (≤ 1 per GATES_MS per run)───────────▶ page
 *        ──gradients (≤ 1 per GRADIENTS_MS per run)───▶ page
 *                                                       └─chart draw (≤ 1 chart per frame, each ≤ 1 per CHART_DRAW_MS,
 *                                                         or REDUCED_MOTION_DRAW_MS when the reader asks for less motion,
 *                                                         and ≥ CHART_DRAW_SPACING times its last draw's time apart)
 */

/**
 * The worker sends progress at most this often (workers/engine/job-runner.ts): twice
 * per chart draw (CHART_DRAW_MS), so a draw shows epochs at most 50 ms old. Each batch
 * costs the page a message to read and a reply, an animation frame and a round of
 * `rnn-epoch` events, whether or not anything is drawn: at one batch a frame (16 ms),
 * a default trainer with nothing on screen kept a main thread slowed 4x 44-47% busy,
 * at 50 ms 24-34% (the bench's `unseen` case).
 */
export const PROGRESS_MS = 50;

/**
 * A run's gates are recorded and sent at most this often (job-runner.ts): a
 * heatmap redrawn a few times a second reads as live, and each recording is a
 * test rollout's worth of copying and ~10-40 KB through postMessage. Half as often
 * (500 ms) did not make the page smoother: the bench's default page at 4x CPU
 * throttling had 20 long tasks over 6 runs either way.
 */
export const GATES_MS = 250;

/**
 * A run's BPTT gradients are recorded at most this often (job-runner.ts): each
 * recording is an extra forward and two backward passes over one sequence in
 * plain JS, which at every epoch of a fast run would cost tens of percent of its
 * speed; ten a second show memory growing just as well.
 */
export const GRADIENTS_MS = 100;

/**
 * Within an epoch the worker yields to its event loop after at most this much
 * work (job-runner.ts), so pause and stop take effect mid-epoch even on a large
 * series, and jobs sharing a worker take turns.
 */
export const SLICE_MS = 50;

/**
 * `rnn-epoch` fires at most once per run per animation frame, with its latest
 * epoch (src/elements/rnn-trainer/training-session.ts). A hidden tab has no
 * frames: the last epochs of a run are then sent after this long.
 */
export const EPOCH_SETTLE_MS = 100;

/**
 * A chart redraws at most this often: ten draws a second read as a live, growing
 * curve. Each draw redraws the whole plot, and then the browser paints and commits
 * its canvas: at twenty a second, the default trainer's two charts kept a main
 * thread slowed 4x about 88% busy while training, at ten about 64% (its task time
 * summed over a 3000-epoch run of the bench's default page), which leaves room for
 * clicks and for the first second of a run. Charts take turns, one per frame, each draw in a task of its own after the
 * frame (src/elements/chart/draw-queue.ts).
 */
export const CHART_DRAW_MS = 100;

/**
 * A chart's next draw also waits at least this many times as long as its last draw
 * took (src/elements/chart/draw-queue.ts), so that a chart spends at most a tenth of the
 * main thread drawing. Where a draw is quick (a few milliseconds) this changes
 * nothing; where it is slow (a phone drawing at three times the pixels, a CPU slowed
 * 4x, a run's first second while V8 has not yet optimised the drawing code) a chart
 * updates less often instead of the page stuttering: a 30 ms draw is followed by
 * 300 ms without one.
 */
export const CHART_DRAW_SPACING = 10;

/**
 * With `prefers-reduced-motion: reduce`, a chart redraws at most this often: its
 * curves step forward once a second instead of sliding, and the page does a
 * twentieth of the drawing. The last state is always drawn.
 */
export const REDUCED_MOTION_DRAW_MS = 1000;

/**
 * While training, epochs re-render the trainer (status line, progress) at most this
 * often: four times a second is as fast as a reader reads numbers, and each render
 * costs the page layout. A click, or a change of state, renders at once
 * (src/elements/rnn-trainer/rnn-trainer.ts).
 */
export const STATUS_MS = 250;

/**
 * While training, a trainer more than 200 px out of view re-renders at most this often,
 * and at once when it comes near (src/elements/rnn-trainer/rnn-trainer.ts): on a page
 * of a dozen trainers, renders of the ones nobody sees took a slow phone's main thread
 * from the ones in view. Its screen-reader announcements come at most this late. A gate
 * chart out of view renders a new recording at most this often too
 * (src/elements/gate-chart/gate-chart.ts).
 */
export const OFFSCREEN_STATUS_MS = 1000;

/**
 * Elements render at most this much work in one task before the next one waits for a
 * task of its own (src/elements/task-budget.ts): a page of a dozen trainers then
 * upgrades in slices, and a click is handled between them. An element that starts
 * within the slice still finishes its render, so a task may run this plus one render
 * (the gate chart's first one, at 4x CPU throttling, about 30 ms): kept small for that.
 */
export const RENDER_SLICE_MS = 10;

/** A new worker must answer its first call within this long, or it is retired (src/client/worker-pool.ts). */
export const WORKER_START_MS = 10_000;

/**
 * A worker with a job is asked every LIVENESS_PING_MS whether it is alive; one
 * that has not answered for LIVENESS_MS is dead (closed itself, or killed for
 * memory) and is retired: its jobs end with the `worker` error.
 */
export const LIVENESS_PING_MS = 1_000;
export const LIVENESS_MS = 12_000;

/** How long an idle worker is kept for the next job before it is terminated. */
export const WORKER_IDLE_MS = 10_000;
