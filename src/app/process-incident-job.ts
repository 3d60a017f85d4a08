import { IncidentSchema } from '../core/model/incident.js';
import { ResetDoctorError } from '../errors.js';
import { describeIssues } from './alertmanager-webhook.js';
import { diagnoseOnce } from './diagnose-incident.js';
import type { IncidentJob } from './pipeline-job.js';
import { syncAnswer } from './sync-answer.js';
import type { JobContext, JobOutcome, WorkerDeps } from './worker-deps.js';

/** Any incident (a Slack mention, a submitted log): diagnose once, deliver where the origin says. */
export async function processIncidentJob(
  job: IncidentJob,
  ctx: JobContext,
  deps: WorkerDeps,
): Promise<JobOutcome> {
  const parsed = IncidentSchema.safeParse(job.incident);
  if (!parsed.success)
    throw new ResetDoctorError('JOB_INVALID', `job ${job.jobId}: ${describeIssues(parsed.error)}`);
  const upserted = await deps.store.upsertIncident({
    incidentId: job.incidentId,
    source: job.origin.source,
    createdAt: job.receivedAt,
    jobId: job.jobId,
    ...(job.origin.reply === undefined ? {} : { reply: job.origin.reply }),
  });
  await diagnoseOnce(upserted, parsed.data, job.incidentId, job.receivedAt, deps, ctx.log);
  const synced = await syncAnswer(
    job.incidentId,
    { mayDeliver: true, receivedAt: job.receivedAt },
    deps,
    ctx.log,
  );
  if (synced === 'delivered') return 'diagnosed';
  return synced === 'updated' || synced === 'deferred' ? synced : 'unchanged';
}
