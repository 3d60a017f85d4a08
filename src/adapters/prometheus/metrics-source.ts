import type { Logger } from 'pino';
import type { FetchedMetrics, Subject } from '../../core/facts/gather-facts.js';

/**
 * The port the worker (and the CLI) call to get the metric facts of one incident. It never rejects and
 * always answers by its deadline: what it could not get is marked in `states` and `degraded`.
 */
export interface MetricsRequest {
  /** Who and where (the core's `gather(incident).subject`). */
  readonly subject: Subject;
  /** Failure time (epoch ms); default: now. */
  readonly at?: number;
  /** Fact names to fetch (usually `metricFactsForRules(ruleSet, catalogue)`). */
  readonly facts: readonly string[];
  /** Range of increase()/rate()/max_over_time() before `at` (PromQL duration); default from the source. */
  readonly window?: string;
  /** Overrides the source's overall deadline for this request (ms from the call). */
  readonly deadlineMs?: number;
  /** The job's logger (carries the incident id); default: the source's. */
  readonly logger?: Pick<Logger, 'debug' | 'warn'>;
}

export interface MetricsSource {
  fetch(request: MetricsRequest): Promise<FetchedMetrics>;
}
