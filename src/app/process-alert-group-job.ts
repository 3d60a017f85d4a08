import { ResetDoctorError } from '../errors.js';
import { type AlertGroup, describeAlertGroup, latestFiringStart } from './alert-group.js';
import { AlertmanagerWebhookSchema, describeIssues } from './alertmanager-webhook.js';
import { diagnoseOnce } from './diagnose-incident.js';
import type { AlertGroupJob } from './pipeline-job.js';
import { syncAnswer } from './sync-answer.js';
import type { JobContext, JobOutcome, WorkerDeps } from './worker-deps.js';

function cancelledJob(group: AlertGroup, ctx: JobContext): JobOutcome {
  ctx.log.info({ groupId: group.groupId }, 'cancelled: the group resolved before a worker took the job');
  return 'cancelled';
}

async function resolveGroup(
  job: AlertGroupJob,
  group: AlertGroup,
  ctx: JobContext,
  deps: WorkerDeps,
): Promise<JobOutcome> {
  const resolvedAt = group.snapshot.endsAt ?? job.receivedAt;
  const incidentId = await deps.store.incidentOfGroup(group.groupId);
  if (incidentId === undefined) {
    await deps.store.markGroupResolved(group.groupId, resolvedAt);
    ctx.log.info(
      { groupId: group.groupId },
      'group resolved with no diagnosis to update; nothing to diagnose',
    );
    return 'resolved-undiagnosed';
  }
  const log = incidentId === job.incidentId ? ctx.log : ctx.log.child({ diagnosisId: incidentId });
  await deps.store.resolveGroup({
    incidentId,
    groupId: group.groupId,
    snapshot: group.snapshot,
    resolvedAt,
    ...(group.coalesceKey === undefined ? {} : { coalesceKey: group.coalesceKey }),
  });
  const synced = await syncAnswer(incidentId, { mayDeliver: false, receivedAt: job.receivedAt }, deps, log);
  log.info({ groupId: group.groupId, answer: synced }, 'group resolved; diagnosis updated');
  return 'resolved';
}

/**
 * One Alertmanager notification: a new group gets a diagnosis (or joins a recent one of the same
 * service/peer); a known group updates its diagnosis; a resolved group closes it ("resolved after 14
 * min"). Re-running a job (a redelivery, a crash mid-job) never produces a second diagnosis.
 */
export async function processAlertGroupJob(
  job: AlertGroupJob,
  ctx: JobContext,
  deps: WorkerDeps,
): Promise<JobOutcome> {
  const parsed = AlertmanagerWebhookSchema.safeParse(job.payload);
  if (!parsed.success)
    throw new ResetDoctorError('JOB_INVALID', `job ${job.jobId}: ${describeIssues(parsed.error)}`);
  const payload = parsed.data;
  const group = describeAlertGroup(payload);
  if (group.status === 'resolved') {
    if (await deps.store.isCancelled(job.jobId)) return cancelledJob(group, ctx);
    return resolveGroup(job, group, ctx, deps);
  }
  const latestStart = latestFiringStart(payload);
  // The cancellation mark, the group's last resolution, the claim and the upsert: one step in the store.
  const admission = await deps.store.admitGroup({
    jobId: job.jobId,
    groupId: group.groupId,
    snapshot: group.snapshot,
    incidentId: job.incidentId,
    windowS: deps.coalesceWindowS,
    source: 'alertmanager',
    createdAt: job.receivedAt,
    ...(group.coalesceKey === undefined ? {} : { coalesceKey: group.coalesceKey }),
    ...(latestStart === undefined ? {} : { latestStart }),
  });
  if (admission.outcome === 'cancelled') return cancelledJob(group, ctx);
  if (admission.outcome === 'stale') {
    ctx.log.info({ groupId: group.groupId }, 'stale: these alerts already resolved; ignored');
    return 'stale';
  }
  const { claim } = admission;
  const owner = claim.incidentId === job.incidentId;
  const log = owner ? ctx.log : ctx.log.child({ diagnosisId: claim.incidentId });
  if (claim.joined === 'coalesced') {
    deps.telemetry.coalesced();
    log.info({ groupId: group.groupId }, 'joined the open diagnosis of the same service/peer');
  }
  if (owner)
    await diagnoseOnce(
      admission,
      { id: job.incidentId, alert: payload },
      job.incidentId,
      job.receivedAt,
      deps,
      log,
    );
  const synced = await syncAnswer(
    claim.incidentId,
    { mayDeliver: owner, receivedAt: job.receivedAt },
    deps,
    log,
  );
  if (claim.joined === 'coalesced') return 'coalesced';
  if (synced === 'delivered') return 'diagnosed';
  return synced === 'updated' || synced === 'deferred' ? synced : 'unchanged';
}
