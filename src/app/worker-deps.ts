import type { Logger } from 'pino';
import type { CoreProvider } from './core-provider.js';
import type { DiagnosisStore } from './diagnosis-store.js';
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
  | 'unchanged'
  | 'coalesced'
  | 'resolved'
  | 'resolved-undiagnosed'
  | 'cancelled'
  | 'stale';
