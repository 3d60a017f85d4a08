import type { SyncJob } from './pipeline-job.js';
import { syncAnswer } from './sync-answer.js';
import type { JobContext, JobOutcome, WorkerDeps } from './worker-deps.js';

/**
 * A follow-up planned when an answer's update was deferred: shows the incident's latest state. It never
 * delivers a first answer (that is the owning job's); an incident that expired, or whose latest state is
 * already shown (by a later update or a status change shown at once), leaves nothing to do.
 */
export async function processSyncJob(job: SyncJob, ctx: JobContext, deps: WorkerDeps): Promise<JobOutcome> {
  const synced = await syncAnswer(
    job.incidentId,
    { mayDeliver: false, receivedAt: job.receivedAt, followUp: { jobId: job.jobId } },
    deps,
    ctx.log,
  );
  return synced === 'updated' ? 'updated' : 'unchanged';
}
