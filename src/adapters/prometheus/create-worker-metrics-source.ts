import type { MetricsSource as WorkerMetricsSource } from '../../app/metrics-source.js';
import type { MetricsSource as PrometheusFacts } from './metrics-source.js';

/**
 * The worker's port (`src/app/metrics-source.ts`: subject, moment, the facts the job's rules read) on top of
 * the Prometheus source (`./metrics-source.ts`). One Prometheus source serves every job of the process, so
 * its cache and its concurrency cap are shared; the job's logger carries the incident id into its lines.
 */
export function createWorkerMetricsSource(source: PrometheusFacts): WorkerMetricsSource {
  return {
    fetch(request) {
      return source.fetch({
        subject: request.subject,
        at: request.at,
        facts: request.facts,
        ...(request.log === undefined ? {} : { logger: request.log }),
      });
    },
  };
}
