import { Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeIssues } from '../../app/alertmanager-webhook.js';
import { PipelineJobSchema } from '../../app/pipeline-job.js';
import type { JobProcessor } from '../../app/process-job.js';
import type { JobOutcome } from '../../app/worker-deps.js';
import { isResetDoctorError } from '../../errors.js';
import { incidentLogger } from '../logging/create-logger.js';
import type { BotMetrics } from '../telemetry/create-bot-metrics.js';
import type { QueueSettings } from './queue-settings.js';

export interface WorkerSettings extends QueueSettings {
  readonly concurrency: number;
  /** Lock duration; a dead worker's jobs are recovered (stalled check) after about this long. */
  readonly lockMs: number;
}

export interface DiagnosisWorker {
  /** Stops taking jobs, waits for the jobs in flight to finish (all of them, or `force` to abandon them). */
  close(force?: boolean): Promise<void>;
  readonly bull: Worker<unknown, JobOutcome>;
}

function incidentIdOf(data: unknown): string {
  if (data && typeof data === 'object' && 'incidentId' in data && typeof data.incidentId === 'string')
    return data.incidentId;
  return 'unknown';
}

/**
 * The BullMQ worker around the worker use case: validates the job data, gives it a logger carrying the
 * incident id, turns errors that retrying cannot fix into UnrecoverableError (no further attempts), and
 * counts outcomes. Stalled jobs (a worker killed mid-job) are moved back to waiting by any live worker.
 */
export function createDiagnosisWorker(
  connection: Redis,
  settings: WorkerSettings,
  processJob: JobProcessor,
  deps: {
    readonly logger: Logger;
    readonly metrics: BotMetrics;
    /** Called once a job will not be tried again, with its (unvalidated) data and the last error. */
    readonly onGaveUp?: (data: unknown, reason: string, log: Logger) => Promise<void>;
  },
): DiagnosisWorker {
  const { logger, metrics } = deps;
  const worker = new Worker<unknown, JobOutcome>(
    settings.name,
    async (job: Job<unknown, JobOutcome>) => {
      const log = incidentLogger(logger, incidentIdOf(job.data), {
        jobId: job.id,
        attempt: job.attemptsMade + 1,
      });
      const parsed = PipelineJobSchema.safeParse(job.data);
      if (!parsed.success) {
        log.error({ problem: describeIssues(parsed.error) }, 'job data invalid; not retried');
        throw new UnrecoverableError(`JOB_INVALID: ${describeIssues(parsed.error)}`);
      }
      log.debug({ kind: parsed.data.kind }, 'job started');
      try {
        const outcome = await processJob(parsed.data, { log, attempt: job.attemptsMade + 1 });
        log.info({ outcome }, 'job done');
        return outcome;
      } catch (e) {
        const final = isResetDoctorError(e) && !e.retryable;
        log.error(
          { err: e, final: final || job.attemptsMade + 1 >= (job.opts.attempts ?? 1) },
          final ? 'job failed; retrying cannot help' : 'job failed; will retry if attempts are left',
        );
        if (final && e instanceof Error)
          throw new UnrecoverableError(`${isResetDoctorError(e) ? `${e.code}: ` : ''}${e.message}`);
        throw e;
      }
    },
    {
      connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      lockDuration: settings.lockMs,
      stalledInterval: settings.lockMs,
      maxStalledCount: 2,
      autorun: true,
    },
  );
  worker.on('completed', (_job, outcome) => metrics.jobsCompleted.inc({ outcome }));
  worker.on('failed', (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    metrics.jobsFailed.inc({ final: String(final) });
    if (final && job && deps.onGaveUp) {
      const log = incidentLogger(logger, incidentIdOf(job.data), { jobId: job.id });
      void deps.onGaveUp(job.data, err.message, log).catch(() => undefined);
    }
  });
  worker.on('stalled', (jobId) => {
    metrics.jobsStalled.inc();
    void Job.fromId(worker, jobId)
      .then((job) => incidentIdOf(job?.data))
      .catch(() => 'unknown')
      .then((incidentId) =>
        logger.warn({ incidentId, jobId }, 'job stalled (its worker stopped); moved back to waiting'),
      );
  });
  // While Redis is away the worker reports every reconnection attempt: say it once a minute.
  let lastError = '';
  let lastErrorAt = 0;
  worker.on('error', (err) => {
    const now = Date.now();
    if (err.message === lastError && now - lastErrorAt < 60_000) return;
    lastError = err.message;
    lastErrorAt = now;
    logger.warn({ err: { message: err.message } }, 'worker error');
  });
  return {
    bull: worker,
    // Without Redis no job in flight can finish (nor can a graceful close): abandon them to the stalled check.
    close: (force = false) => worker.close(force || connection.status !== 'ready'),
  };
}
