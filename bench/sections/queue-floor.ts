import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { jobOptions } from '../../src/adapters/queue/queue-settings.js';
import type { AlertGroupJob } from '../../src/app/pipeline-job.js';
import { benchAlert } from '../alerts.js';
import { botEnv } from '../bot-env.js';
import type { BenchOptions } from '../options.js';
import { startChildren } from '../processes.js';
import { deletePrefix, REDIS_URL, redisCpuMs, uniquePrefix } from '../redis.js';
import type { Sizes } from '../sizes.js';
import { nowMs, percentile, runAtRate, runLimited } from '../stats.js';
import { waitUntil } from '../wait.js';

/**
 * The queue floor: bare BullMQ on the same Redis with the same concurrency and worker options as the
 * bot's worker, its processor doing nothing. Jobs carry what the bot's jobs carry (an Alertmanager
 * notification). Measured like the pipeline: throughput while jobs arrive as fast as they are taken, and
 * add-to-taken latency at a steady rate.
 */

export interface FloorResult {
  readonly jobs: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latency: {
    readonly rate: number;
    readonly count: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
  };
  readonly worker: { readonly idleMb: number; readonly peakMb: number };
  /** CPU milliseconds per job while saturating: the worker(s), the harness adding jobs, Redis (all its clients). */
  readonly cpuPerJobMs: { readonly worker: number; readonly producer: number; readonly redis: number };
}

/** Process CPU time of this process, milliseconds. */
export function ownCpuMs(): number {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
}

export async function runQueueFloor(options: BenchOptions, sizes: Sizes): Promise<FloorResult> {
  const prefix = uniquePrefix('floor');
  const name = 'floor';
  const settings = {
    name,
    prefix,
    attempts: 5,
    backoffMs: 2000,
    keepCompletedS: 86_400,
    keepFailedS: 7 * 86_400,
  };
  const child = await startChildren(
    'floor',
    botEnv({ prefix, queue: name, concurrency: options.concurrency, logLevel: options.logLevel }),
    options.workers,
  );
  const idleMb = child.memory().rssMb;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue<AlertGroupJob>(name, {
    connection,
    prefix,
    defaultJobOptions: jobOptions(settings),
  });
  let added = 0;
  const add = async (run: string, i: number) => {
    const { payload } = benchAlert(run, i);
    const jobId = `${run}-${i}`;
    added++;
    await queue.add(
      'alert-group',
      { kind: 'alert-group', jobId, incidentId: `inc-${jobId}`, receivedAt: Date.now(), payload },
      { jobId },
    );
  };
  const drained = () =>
    waitUntil(
      'the floor worker to take every job',
      async () => (await child.stats()).completed >= added,
      120_000,
    );
  try {
    await runLimited(sizes.warmup, sizes.inFlight, (i) => add('warm', i));
    await drained();
    await child.take();

    const cpu0 = { worker: (await child.stats()).cpuMs, producer: ownCpuMs(), redis: await redisCpuMs() };
    const t0 = nowMs();
    await runLimited(sizes.floorJobs, sizes.inFlight, (i) => add('sat', i));
    await drained();
    const perJob = (ms: number) => ms / sizes.floorJobs;
    const cpuPerJobMs = {
      worker: perJob((await child.stats()).cpuMs - cpu0.worker),
      producer: perJob(ownCpuMs() - cpu0.producer),
      redis: perJob((await redisCpuMs()) - cpu0.redis),
    };
    const taken = await child.take();
    let end = t0;
    for (const t of taken.values()) end = Math.max(end, t);
    const seconds = (end - t0) / 1000;

    const count = sizes.steadyRate * sizes.steadySeconds;
    const sent = new Map<string, number>();
    await runAtRate(count, sizes.steadyRate, async (i) => {
      sent.set(`steady-${i}`, nowMs());
      await add('steady', i);
    });
    await drained();
    const times = await child.take();
    const latencies = [...sent].map(([id, t]) => (times.get(id) ?? Number.NaN) - t);
    return {
      jobs: sizes.floorJobs,
      seconds,
      perSecond: sizes.floorJobs / seconds,
      latency: {
        rate: sizes.steadyRate,
        count,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: percentile(latencies, 100),
      },
      worker: { idleMb, peakMb: child.memory().peakMb },
      cpuPerJobMs,
    };
  } finally {
    await child.stop();
    await queue.close();
    await connection.quit();
    await deletePrefix(prefix);
  }
}
