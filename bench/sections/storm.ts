import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { BenchOptions } from '../options.js';
import { REDIS_URL } from '../redis.js';
import type { Sizes } from '../sizes.js';
import { nowMs, runAtRate } from '../stats.js';
import { waitUntil } from '../wait.js';
import { startPipeline } from './pipeline.js';

/**
 * An alert storm: many alerts over few services within seconds, each its own Alertmanager group. Alerts
 * for the same service within the coalescing window join one diagnosis, so the notifier should see about
 * one answer per service however many alerts arrive; and each answer is updated at most once per
 * ANSWER_UPDATE_INTERVAL_S (the bot's default here), the changes in between left to a delayed follow-up.
 */

export interface StormResult {
  readonly alerts: number;
  readonly services: number;
  /** Seconds the posting took (the storm's length as it happened). */
  readonly postSeconds: number;
  /** Seconds from the first alert until the worker finished the last alert's job. */
  readonly drainSeconds: number;
  /** Seconds from the first alert until the last follow-up ran (every answer shows its last state). */
  readonly settleSeconds: number;
  /** First deliveries of answers. */
  readonly answers: number;
  /** Updates of answers already delivered (what a Slack notifier turns into `chat.update` calls). */
  readonly updates: number;
  /** Changes of answers that were not shown at once but left to a follow-up. */
  readonly deferred: number;
  /** Follow-up jobs the worker ran. */
  readonly followUps: number;
  readonly worker: { readonly peakMb: number };
}

const STORM_QUEUE = 'storm';

export async function runStorm(options: BenchOptions, sizes: Sizes): Promise<StormResult> {
  const { alerts, services, seconds } = sizes.storm;
  const p = await startPipeline(STORM_QUEUE, options, 64);
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(STORM_QUEUE, { connection, prefix: p.prefix });
  try {
    const t0 = nowMs();
    await runAtRate(alerts, alerts / seconds, async (i) => {
      await p.post('storm', i, services);
    });
    const postSeconds = (nowMs() - t0) / 1000;
    let drainedAt = 0;
    await waitUntil(
      'the storm to drain',
      async () => {
        const stats = await p.worker.stats();
        const done = stats.completed - stats.followUps >= alerts;
        if (done) drainedAt = nowMs();
        return done;
      },
      300_000,
      20,
    );
    // The follow-ups come up to one interval after the last change they show.
    let settledAt = 0;
    await waitUntil(
      'the follow-ups to run',
      async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const done = Object.values(c).every((n) => n === 0);
        if (done) settledAt = nowMs();
        return done;
      },
      300_000,
      50,
    );
    const stats = await p.worker.stats();
    return {
      alerts,
      services,
      postSeconds,
      drainSeconds: (drainedAt - t0) / 1000,
      settleSeconds: (settledAt - t0) / 1000,
      answers: stats.deliveries,
      updates: stats.updates,
      deferred: stats.deferred,
      followUps: stats.followUps,
      worker: { peakMb: p.worker.memory().peakMb },
    };
  } finally {
    await queue.close();
    await connection.quit();
    await p.stop();
  }
}
