import type { Logger } from 'pino';
import type { FetchedMetrics, Subject } from '../core/facts/gather-facts.js';
import type { MetricCatalogue } from '../core/facts/metric-catalogue.js';

/** What the worker asks the metrics source for: readings about a subject around a moment. */
export interface MetricsRequest {
  readonly incidentId: string;
  readonly subject: Subject;
  /** The moment the failure happened (epoch ms); the source looks at a window ending there. */
  readonly at: number;
  /** The facts the rules know, with their queries (the current rule set's catalogue). */
  readonly catalogue: MetricCatalogue;
  /** The metric facts the job's rules read (fetch only these). */
  readonly facts: readonly string[];
  readonly signal?: AbortSignal;
  /** The job's logger (carries the incident id). */
  readonly log?: Logger;
}

/**
 * Where metric facts come from (Prometheus in production). Returns undefined when it has nothing to say;
 * a source that cannot be reached should return `degraded: true` with a warning rather than throw
 * (the worker degrades the same way if it throws).
 */
export interface MetricsSource {
  fetch(request: MetricsRequest): Promise<FetchedMetrics | undefined>;
}

/** The source used when PROMETHEUS_URL is unset: diagnoses rest on logs, words and alerts. */
export const noMetricsSource: MetricsSource = {
  async fetch() {
    return undefined;
  },
};
