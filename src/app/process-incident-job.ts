import { IncidentSchema } from '../core/model/incident.js';
import { ResetDoctorError } from '../errors.js';
import { describeIssues } from './alertmanager-webhook.js';
import { diagnoseIncident } from './diagnose-incident.js';
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
  await deps.store.upsertIncident({
    incidentId: job.incidentId,
    source: job.origin.source,
    createdAt: job.receivedAt,
    jobId: job.jobId,
    ...(job.origin.reply === undefined ? {} : { reply: job.origin.reply }),
  });
  const revision = await deps.store.revision(job.incidentId);
  if (!revision?.diagnosed) {
    const { diagnosis, subject } = await diagnoseIncident(
      parsed.data,
      job.incidentId,
      job.receivedAt,
      deps,
      ctx.log,
    );
    await deps.store.saveDiagnosis(job.incidentId, diagnosis, subject, parsed.data);
  }
  const synced = await syncAnswer(
    job.incidentId,
    { mayDeliver: true, receivedAt: job.receivedAt },
    deps,
    ctx.log,
  );
  if (synced === 'delivered') return 'diagnosed';
  return synced === 'updated' || synced === 'deferred' ? synced : 'unchanged';
}
