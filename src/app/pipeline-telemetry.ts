import type { Answer } from './notifier.js';

/** What the worker reports about its work (prom-client counters in production). */
export interface PipelineTelemetry {
  /** An answer was delivered for the first time, `latencyS` after its job arrived. */
  answered(answer: Answer, latencyS: number): void;
  /** An alert group joined another group's diagnosis (same service/peer). */
  coalesced(): void;
  /** A change of an answer was not shown at once: it came too soon after the answer's last update. */
  updateDeferred(): void;
}

export const noTelemetry: PipelineTelemetry = {
  answered() {},
  coalesced() {},
  updateDeferred() {},
};
