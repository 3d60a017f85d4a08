import type { Logger } from 'pino';
import { answerOf } from './answer-of.js';
import type { WorkerDeps } from './worker-deps.js';

export type SyncResult = 'delivered' | 'updated' | 'unchanged' | 'pending';

/**
 * Brings what the notifier shows in line with the stored incident: the first delivery (only the job that
 * owns the incident may make it), then an update whenever the record changed after what was shown.
 * Jobs of one incident sync one at a time (a lock in the store); each re-reads after writing, so a change
 * made while a delivery was in flight is caught by its re-read, and the last change is always shown.
 */
export function syncAnswer(
  incidentId: string,
  options: { readonly mayDeliver: boolean; readonly receivedAt: number },
  deps: Pick<WorkerDeps, 'store' | 'notifier' | 'telemetry' | 'clock'>,
  log: Logger,
): Promise<SyncResult> {
  // One worker at a time per incident: each reads the record inside the lock, so the last one to run shows
  // the latest state and an alert thread's updates arrive in order, whichever processes run the jobs.
  return deps.store.withAnswerLock(incidentId, () => syncUnlocked(incidentId, options, deps, log));
}

async function syncUnlocked(
  incidentId: string,
  options: { readonly mayDeliver: boolean; readonly receivedAt: number },
  deps: Pick<WorkerDeps, 'store' | 'notifier' | 'telemetry' | 'clock'>,
  log: Logger,
): Promise<SyncResult> {
  let mayDeliver = options.mayDeliver;
  let result: SyncResult | undefined;
  for (let round = 0; round < 5; round++) {
    const record = await deps.store.get(incidentId);
    if (!record?.diagnosis) return result ?? 'pending';
    const answer = answerOf({ ...record, diagnosis: record.diagnosis });
    if (!record.delivery) {
      if (!mayDeliver) return result ?? 'pending';
      const delivery = await deps.notifier.deliver(answer, log);
      await deps.store.markDelivered(incidentId, delivery, record.rev);
      deps.telemetry.answered(answer, Math.max(0, (deps.clock() - options.receivedAt) / 1000));
      mayDeliver = false;
      result = 'delivered';
      continue;
    }
    if (record.deliveredRev >= record.rev) return result ?? 'unchanged';
    const delivery = await deps.notifier.update(answer, record.delivery, log);
    await deps.store.markDelivered(incidentId, delivery ?? record.delivery, record.rev);
    result ??= 'updated';
  }
  return result ?? 'unchanged';
}
