import type { Logger } from 'pino';
import { idsFor } from './alert-group.js';
import type { JobQueue } from './job-queue.js';
import type { IncidentJob } from './pipeline-job.js';

export interface IncidentIntakeDeps {
  readonly queue: JobQueue;
  readonly clock: () => number;
}

export interface IncidentSubmission {
  /** alertmanager, slack, cli, ... (lowercase, digits, dashes). */
  readonly source: string;
  /**
   * What makes this submission unique at its source (a Slack event id): the job id is derived from it, so
   * a redelivery of the same event is a no-op.
   */
  readonly key: string;
  /**
   * The incident id the source already showed (a Slack "diagnosing… incident inc-…" placeholder), so every
   * log line and the answer carry the id the person saw. Derived from `key` when absent.
   */
  readonly incidentId?: string;
  /** The incident (DESIGN §2); validated by the worker. */
  readonly incident: unknown;
  /** Where the answer goes (e.g. `{channel, threadTs}`); handed to the notifier with the answer. */
  readonly reply?: Readonly<Record<string, string>>;
}

/**
 * Intake of any incident other than an Alertmanager notification (a Slack mention, say): one job whose
 * id is derived from the source's own event key. Resolves once the job is in Redis; throws
 * `REDIS_UNAVAILABLE` otherwise (the caller answers so that its source retries).
 */
export async function acceptIncident(
  submission: IncidentSubmission,
  deps: IncidentIntakeDeps,
  log: Logger,
): Promise<{ readonly incidentId: string; readonly jobId: string; readonly duplicate: boolean }> {
  const ids = idsFor(submission.source, submission.key);
  const { jobId } = ids;
  const incidentId = submission.incidentId ?? ids.incidentId;
  const job: IncidentJob = {
    kind: 'incident',
    jobId,
    incidentId,
    receivedAt: deps.clock(),
    incident: submission.incident,
    origin: {
      source: submission.source,
      ...(submission.reply === undefined ? {} : { reply: submission.reply }),
    },
  };
  const { created } = await deps.queue.add(job);
  log
    .child({ incidentId, jobId })
    .info(
      { source: submission.source, duplicate: !created },
      created ? 'incident accepted' : 'incident already queued',
    );
  return { incidentId, jobId, duplicate: !created };
}
