import type { PipelineJob } from './pipeline-job.js';
import { processAlertGroupJob } from './process-alert-group-job.js';
import { processIncidentJob } from './process-incident-job.js';
import { processSyncJob } from './process-sync-job.js';
import type { JobContext, JobOutcome, WorkerDeps } from './worker-deps.js';

/** The worker use case: one validated job in, one outcome out. Throwing retries the job (with backoff). */
export type JobProcessor = (job: PipelineJob, ctx: JobContext) => Promise<JobOutcome>;

export function createJobProcessor(deps: WorkerDeps): JobProcessor {
  return (job, ctx) => {
    switch (job.kind) {
      case 'alert-group':
        return processAlertGroupJob(job, ctx, deps);
      case 'incident':
        return processIncidentJob(job, ctx, deps);
      case 'sync':
        return processSyncJob(job, ctx, deps);
    }
  };
}
