import type { Logger } from 'pino';
import { sha256Hex } from '../core/model/canonical-json.js';
import { answerOf } from './answer-of.js';
import type { DiagnosisStore, IncidentRecord, Revision, ShownAnswer } from './diagnosis-store.js';
import type { Notifier } from './notifier.js';
import type { SyncJob } from './pipeline-job.js';
import type { PipelineTelemetry } from './pipeline-telemetry.js';
import type { WorkerDeps } from './worker-deps.js';

export type SyncResult = 'delivered' | 'updated' | 'deferred' | 'unchanged' | 'pending';

export interface SyncOptions {
  /** Only the job that owns the incident may make the first delivery. */
  readonly mayDeliver: boolean;
  /** When the job arrived (epoch ms): a delivery's latency is measured from it. */
  readonly receivedAt: number;
  /**
   * Set by a follow-up (a `sync` job): its id. The follow-up planned for the moment the answer is due
   * shows the latest state whatever this process's clock says (the record's `shownAt` may come from a
   * host whose clock runs ahead). When the answer was shown since it was planned, a change waits for the
   * next interval like any other.
   */
  readonly followUp?: { readonly jobId: string };
}

/** The parts of the worker's ports a sync uses. */
export interface SyncDeps {
  readonly store: Pick<DiagnosisStore, 'get' | 'markDelivered' | 'withAnswerLock'>;
  readonly notifier: Pick<Notifier, 'deliver' | 'update'>;
  readonly telemetry: Pick<PipelineTelemetry, 'answered' | 'updateDeferred'>;
  readonly clock: WorkerDeps['clock'];
  readonly jobs: WorkerDeps['jobs'];
  readonly answerUpdateIntervalS: number;
}

/**
 * Brings what the notifier shows in line with the stored incident: the first delivery (only the job that
 * owns the incident may make it), then an update whenever the record changed after what was shown.
 * Jobs of one incident sync one at a time (a lock in the store); each re-reads after writing, so a change
 * made while a delivery was in flight is caught by its re-read, and the last change is always shown.
 *
 * Updates are spaced: within `answerUpdateIntervalS` of the last delivery or update a change is not shown
 * at once (an alert storm would otherwise edit one Slack message thousands of times, far beyond Slack's
 * rate limits, while holding the incident's lock); a delayed `sync` job shows the latest state once the
 * interval has passed. A change of status (resolved, or firing again) is shown at once.
 */
export function syncAnswer(
  incidentId: string,
  options: SyncOptions,
  deps: SyncDeps,
  log: Logger,
): Promise<SyncResult> {
  // One worker at a time per incident: each reads the record inside the lock, so the last one to run shows
  // the latest state and an alert thread's updates arrive in order, whichever processes run the jobs.
  return deps.store.withAnswerLock(incidentId, (record) =>
    syncUnlocked(incidentId, record, options, deps, log),
  );
}

/**
 * When the record's change may be shown, or undefined when it may be shown now: at once when updates are
 * not spaced, when the store does not know when the answer was last shown (a record from before it kept
 * that), when the status changed since, or when the interval has passed.
 */
export function updateDueAt(record: IncidentRecord, now: number, intervalMs: number): number | undefined {
  if (intervalMs <= 0 || record.shownAt === undefined) return undefined;
  if (record.status !== record.shownStatus) return undefined;
  const due = record.shownAt + intervalMs;
  return due <= now ? undefined : due;
}

/**
 * The id of the follow-up due at `dueAt` (the last show plus the interval). Every change deferred since
 * the answer was last shown has the same due moment, so they add one job (adding an existing id is a
 * no-op). Once the answer is shown again the moment moves on, so a later change never lands on the id of
 * a follow-up that already ran. (Buckets of the clock would not do: a resolution shown at once between a
 * follow-up being planned and running would leave the next change in the finished follow-up's bucket.)
 */
export function syncJobId(incidentId: string, dueAt: number): string {
  const id = `sync-${incidentId}-${dueAt}`;
  return id.length <= 128 ? id : `sync-${sha256Hex(incidentId).slice(0, 40)}-${dueAt}`;
}

/** Nothing changed since what was just shown (or the record expired: nothing left to show). */
function upToDate(revision: Revision | undefined): boolean {
  return revision === undefined || revision.deliveredRev >= revision.rev;
}

async function syncUnlocked(
  incidentId: string,
  locked: IncidentRecord | undefined,
  options: SyncOptions,
  deps: SyncDeps,
  log: Logger,
): Promise<SyncResult> {
  let mayDeliver = options.mayDeliver;
  let followUp = options.followUp;
  let result: SyncResult | undefined;
  const shown = (record: IncidentRecord): ShownAnswer => ({
    rev: record.rev,
    status: record.status,
    at: deps.clock(),
  });
  // The record as read when the lock was taken; after a delivery or an update, marking it shown tells
  // whether anything changed meanwhile, and only then is the record read again.
  let record = locked;
  for (let round = 0; round < 5; round++) {
    if (round > 0) record = await deps.store.get(incidentId);
    if (!record?.diagnosis) return result ?? 'pending';
    if (!record.delivery) {
      if (!mayDeliver) return result ?? 'pending';
      const answer = answerOf({ ...record, diagnosis: record.diagnosis });
      const delivery = await deps.notifier.deliver(answer, log);
      const after = await deps.store.markDelivered(incidentId, delivery, shown(record));
      deps.telemetry.answered(answer, Math.max(0, (deps.clock() - options.receivedAt) / 1000));
      mayDeliver = false;
      result = 'delivered';
      if (upToDate(after)) return result;
      continue;
    }
    if (record.deliveredRev >= record.rev) return result ?? 'unchanged';
    const dueAt = updateDueAt(record, deps.clock(), deps.answerUpdateIntervalS * 1000);
    if (dueAt !== undefined && followUp?.jobId !== syncJobId(incidentId, dueAt)) {
      await planFollowUp(incidentId, dueAt, options.receivedAt, deps, log);
      return result ?? 'deferred';
    }
    const answer = answerOf({ ...record, diagnosis: record.diagnosis });
    const delivery = await deps.notifier.update(answer, record.delivery, log);
    const after = await deps.store.markDelivered(incidentId, delivery ?? record.delivery, shown(record));
    // What the follow-up waited for is shown; a change made meanwhile waits for the next interval.
    followUp = undefined;
    result ??= 'updated';
    if (upToDate(after)) return result;
  }
  return result ?? 'unchanged';
}

async function planFollowUp(
  incidentId: string,
  dueAt: number,
  receivedAt: number,
  deps: SyncDeps,
  log: Logger,
): Promise<void> {
  const job: SyncJob = { kind: 'sync', jobId: syncJobId(incidentId, dueAt), incidentId, receivedAt };
  // Never longer than the interval, even when the last show was stamped by a clock ahead of this one.
  const delayMs = Math.min(Math.max(0, dueAt - deps.clock()), deps.answerUpdateIntervalS * 1000);
  const { created } = await deps.jobs.add(job, { delayMs });
  deps.telemetry.updateDeferred();
  log.debug(
    { followUp: job.jobId, delayMs, planned: created },
    'answer updated recently; the change will be shown by a follow-up',
  );
}
