import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobQueue } from '../../app/job-queue.js';
import type { PipelineJob } from '../../app/pipeline-job.js';
import { errorMessage, isResetDoctorError, ResetDoctorError } from '../../errors.js';
import { RedisScript } from '../redis/redis-script.js';
import { storeKeys } from '../redis/store-keys.js';
import { jobOptions, type QueueSettings } from './queue-settings.js';

/** Queue states in which no worker holds the job yet. */
const WAITING_STATES: ReadonlySet<string> = new Set([
  'waiting',
  'delayed',
  'prioritized',
  'waiting-children',
]);

export interface FailedJob {
  readonly id: string;
  readonly name: string;
  readonly incidentId?: string;
  readonly attemptsMade: number;
  readonly failedReason: string;
  readonly finishedOn?: number;
}

export interface BullmqQueue {
  readonly jobs: JobQueue;
  counts(): Promise<Readonly<Record<string, number>>>;
  failed(limit: number): Promise<readonly FailedJob[]>;
  /** Moves a failed job back to waiting; JOB_NOT_FOUND or BAD_USAGE when it is missing or not failed. */
  retry(jobId: string): Promise<void>;
  close(): Promise<void>;
}

/** Runs a Redis operation for intake: REDIS_UNAVAILABLE when it fails or takes longer than `ms`. */
async function withinRedis<T>(what: string, ms: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ResetDoctorError('REDIS_UNAVAILABLE', `${what}: Redis did not answer within ${ms} ms`),
            ),
          ms,
        );
      }),
    ]);
  } catch (e) {
    if (isResetDoctorError(e)) throw e;
    throw new ResetDoctorError('REDIS_UNAVAILABLE', `${what}: ${errorMessage(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Notes a job among its group's pending ones and renews the set's expiry (KEYS[1] the set, ARGV the job id
 * and the TTL in seconds). A script rather than MULTI: a transaction on BullMQ's connection builds an
 * ioredis Pipeline, which copies every command BullMQ defined on that connection onto itself: about a
 * tenth of the intake's CPU per alert.
 */
const NOTE_PENDING = new RedisScript(`
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
`);

function incidentIdOf(data: unknown): string | undefined {
  if (data && typeof data === 'object' && 'incidentId' in data && typeof data.incidentId === 'string')
    return data.incidentId;
  return undefined;
}

/**
 * The BullMQ producer side. `client` should be a fail-fast connection (see createRedis 'producer'): a job
 * is acknowledged only once Redis has it, and an unreachable Redis turns into REDIS_UNAVAILABLE (503)
 * within `timeoutMs` instead of a hanging request.
 */
export function createBullmqQueue(
  client: Redis,
  settings: QueueSettings,
  options: { readonly timeoutMs: number; readonly groupTtlS: number },
): BullmqQueue {
  const queue = new Queue<PipelineJob>(settings.name, {
    connection: client,
    prefix: settings.prefix,
    defaultJobOptions: jobOptions(settings),
  });
  // Errors surface on the calls themselves; this keeps an unreachable Redis from crashing the process.
  queue.on('error', () => undefined);
  const keys = storeKeys(settings.prefix);
  const ms = options.timeoutMs;

  const jobs: JobQueue = {
    add(job, opts = {}) {
      return withinRedis('queueing the job', ms, async () => {
        // Whether the job's hash is there, without reading and parsing the job (on BullMQ's connection once
        // it is ready: the producer connection queues nothing while it connects).
        await queue.waitUntilReady();
        const existed = (await client.exists(queue.toKey(job.jobId))) === 1;
        const delay = opts.delayMs === undefined ? 0 : Math.max(0, Math.round(opts.delayMs));
        await queue.add(job.kind, job, { jobId: job.jobId, ...(delay > 0 ? { delay } : {}) });
        if (opts.groupId !== undefined) {
          const pending = keys.groupPending(opts.groupId);
          await NOTE_PENDING.run(client, [pending], [job.jobId, options.groupTtlS]);
        }
        return { created: !existed };
      });
    },
    pendingOfGroup(groupId) {
      return withinRedis('reading the group', ms, () => client.smembers(keys.groupPending(groupId)));
    },
    isWaiting(jobId) {
      return withinRedis('reading the job', ms, async () => {
        const job = await queue.getJob(jobId);
        return job !== undefined && WAITING_STATES.has(await job.getState());
      });
    },
    removeIfWaiting(jobId) {
      return withinRedis('cancelling the job', ms, async () => {
        const job = await queue.getJob(jobId);
        if (!job || !WAITING_STATES.has(await job.getState())) return false;
        try {
          await job.remove();
          return true;
        } catch {
          // A worker took it meanwhile (it is locked): it runs, and sees the cancellation mark.
          return false;
        }
      });
    },
  };

  return {
    jobs,
    async counts() {
      return queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    },
    async failed(limit) {
      const failed = await queue.getFailed(0, Math.max(0, limit - 1));
      return failed.map((j) => {
        const incidentId = incidentIdOf(j.data);
        return {
          id: j.id ?? '?',
          name: j.name,
          ...(incidentId === undefined ? {} : { incidentId }),
          attemptsMade: j.attemptsMade,
          failedReason: j.failedReason,
          ...(j.finishedOn === undefined ? {} : { finishedOn: j.finishedOn }),
        };
      });
    },
    async retry(jobId) {
      const job = await queue.getJob(jobId);
      if (!job) throw new ResetDoctorError('JOB_NOT_FOUND', `no job ${jobId} in queue ${settings.name}`);
      const state = await job.getState();
      if (state !== 'failed')
        throw new ResetDoctorError('BAD_USAGE', `job ${jobId} is ${state}; only failed jobs can be retried`);
      await job.retry('failed');
    },
    async close() {
      await queue.close();
    },
  };
}
