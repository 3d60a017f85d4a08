import type { PipelineJob } from './pipeline-job.js';
import { processAlertGroupJob } from './process-alert-group-job.js';
import { processIncidentJob } from './process-incident-job.js';
import type { JobContext, JobOutcome, WorkerDeps } from './worker-deps.js';

/** The worker use case: one validated job in, one outcome out. Throwing retries the job (with backoff). */
export type JobProcessor = (job: PipelineJob, ctx: JobContext) => Promise<JobOutcome>;

export function createJobProcessor(deps: WorkerDeps): JobProcessor {
  return (job, ctx) =>
    job.kind === 'alert-group' ? processAlertGroupJob(job, ctx, deps) : processIncidentJob(job, ctx, deps);
}
