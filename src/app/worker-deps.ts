import type { Logger } from 'pino';
import type { CoreProvider } from './core-provider.js';
import type { DiagnosisStore } from './diagnosis-store.js';
import type { JobQueue } from './job-queue.js';
import type { MetricsSource } from './metrics-source.js';
import type { Notifier } from './notifier.js';
import type { PipelineTelemetry } from './pipeline-telemetry.js';

/** Everything the worker use case needs, as ports; the composition root fills them in. */
export interface WorkerDeps {
  readonly core: CoreProvider;
  readonly metrics: MetricsSource;
  readonly notifier: Notifier;
  readonly store: DiagnosisStore;
  readonly telemetry: PipelineTelemetry;
  /** Epoch ms. */
  readonly clock: () => number;
  /** Alerts for the same service/peer within this many seconds join one diagnosis (0: never). */
  readonly coalesceWindowS: number;
  /**
   * An answer is updated at most once per this many seconds; changes in between are shown together by a
   * follow-up (0: every change at once). A change of status (resolved, firing again) is shown at once.
   */
  readonly answerUpdateIntervalS: number;
  /** Where the worker queues its follow-ups (delayed `sync` jobs). */
  readonly jobs: Pick<JobQueue, 'add'>;
}

/** What a worker knows about the job it runs. */
export interface JobContext {
  /** Carries the job's incident id on every line. */
  readonly log: Logger;
  /** 1 for the first attempt. */
  readonly attempt: number;
}

export type JobOutcome =
  | 'diagnosed'
  | 'updated'
  | 'deferred'
  | 'unchanged'
  | 'coalesced'
  | 'resolved'
  | 'resolved-undiagnosed'
  | 'cancelled'
  | 'stale';
