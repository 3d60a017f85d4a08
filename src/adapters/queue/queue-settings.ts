import type { JobsOptions } from 'bullmq';

/** The queue's tuning (from the configuration), shared by producers, workers and the jobs CLI. */
export interface QueueSettings {
  readonly name: string;
  /** Hash-tagged key prefix, e.g. `{reset-doctor}`. */
  readonly prefix: string;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly keepCompletedS: number;
  readonly keepFailedS: number;
}

/**
 * Bounded attempts with exponential backoff; completed jobs are kept long enough that a redelivered
 * notification still finds its job id (and is a no-op), failed ones long enough to be looked at and retried.
 */
export function jobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: { age: settings.keepCompletedS, count: 100_000 },
    removeOnFail: { age: settings.keepFailedS, count: 100_000 },
  };
}
