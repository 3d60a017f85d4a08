import type { Logger } from 'pino';
import { alertGroupIds, describeAlertGroup } from './alert-group.js';
import type { AlertmanagerWebhook } from './alertmanager-webhook.js';
import type { DiagnosisStore } from './diagnosis-store.js';
import type { JobQueue } from './job-queue.js';

export interface AlertIntakeDeps {
  readonly queue: JobQueue;
  readonly store: Pick<DiagnosisStore, 'cancelJob'>;
  readonly clock: () => number;
}

export interface Accepted {
  readonly incidentId: string;
  readonly jobId: string;
  /** The same notification was already queued (a redelivery, the other Alertmanager of an HA pair). */
  readonly duplicate: boolean;
  /** Jobs of this group that were still waiting and will not be diagnosed (the group resolved). */
  readonly cancelled: readonly string[];
  readonly groupId: string;
  readonly status: 'firing' | 'resolved';
}

/**
 * Intake of one validated Alertmanager notification: one job, its id derived from the group key and the
 * alerts' fingerprints and statuses (so repeats are no-ops). A resolved group first cancels its
 * diagnoses still waiting in the queue; its job then updates the diagnosis already made, if any.
 * Resolves once the job is in Redis; throws `REDIS_UNAVAILABLE` otherwise.
 */
export async function acceptAlert(
  payload: AlertmanagerWebhook,
  deps: AlertIntakeDeps,
  log: Logger,
): Promise<Accepted> {
  const group = describeAlertGroup(payload);
  const { jobId, incidentId } = alertGroupIds(group);
  const jobLog = log.child({ incidentId, jobId });
  const cancelled: string[] = [];
  if (group.status === 'resolved') {
    for (const pending of await deps.queue.pendingOfGroup(group.groupId)) {
      if (pending === jobId || !(await deps.queue.isWaiting(pending))) continue;
      // Mark, then remove: a worker that takes the job in between sees the mark and skips it, and a
      // late duplicate of the removed notification is skipped too.
      await deps.store.cancelJob(pending);
      await deps.queue.removeIfWaiting(pending);
      cancelled.push(pending);
    }
  }
  const { created } = await deps.queue.add(
    { kind: 'alert-group', jobId, incidentId, receivedAt: deps.clock(), payload },
    { groupId: group.groupId },
  );
  jobLog.info(
    {
      groupId: group.groupId,
      status: group.status,
      alerts: group.snapshot.alerts,
      duplicate: !created,
      ...(cancelled.length > 0 ? { cancelled } : {}),
    },
    created ? 'alert accepted' : 'alert already queued (redelivery); nothing to do',
  );
  return { incidentId, jobId, duplicate: !created, cancelled, groupId: group.groupId, status: group.status };
}
