import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EpochRecord } from '../../core/protocol.js';
import { EPOCH_SETTLE_MS } from '../../core/rates.js';

/**
 * `rnn-epoch` at most once per run per animation frame (src/core/rates.ts): the
 * worker's batches bring every epoch, this keeps each run's latest until the next
 * frame and then hands them to `send` at once. A reactive controller: a removed
 * trainer sends what it has and schedules no more frames.
 */
export class EpochEvents implements ReactiveController {
  private readonly send: (records: EpochRecord[]) => void;
  private pendingEpochs = new Map<string, EpochRecord>();
  private frame = 0;

  constructor(host: ReactiveControllerHost, send: (records: EpochRecord[]) => void) {
    this.send = send;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flushEpochs();
  }

  /** Keeps `record` as its run's latest, to be sent with the next frame. */
  add(record: EpochRecord): void {
    this.pendingEpochs.set(record.key, record);
    this.frame ||= requestAnimationFrame(() => this.flushEpochs());
  }

  /** Forgets what was not sent yet (a reset). */
  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.pendingEpochs.clear();
  }

  /**
   * Waits for the frame that sends the last epochs, so they too arrive at most
   * once per frame; a hidden tab has no frames, so after EPOCH_SETTLE_MS they go anyway.
   */
  settleEpochs(): Promise<void> {
    if (!this.frame) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.flushEpochs();
        resolve();
      }, EPOCH_SETTLE_MS);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        this.flushEpochs();
        resolve();
      });
    });
  }

  /** Sends every run's latest epoch now. */
  flushEpochs(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.pendingEpochs.size === 0) return;
    const records = [...this.pendingEpochs.values()];
    this.pendingEpochs.clear();
    this.send(records);
  }
}
