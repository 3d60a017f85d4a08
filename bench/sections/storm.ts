import type { BenchOptions } from '../options.js';
import type { Sizes } from '../sizes.js';
import { nowMs, runAtRate } from '../stats.js';
import { waitUntil } from '../wait.js';
import { startPipeline } from './pipeline.js';

/**
 * An alert storm: many alerts over few services within seconds, each its own Alertmanager group. Alerts
 * for the same service within the coalescing window join one diagnosis, so the notifier should see about
 * one answer per service however many alerts arrive.
 */

export interface StormResult {
  readonly alerts: number;
  readonly services: number;
  /** Seconds the posting took (the storm's length as it happened). */
  readonly postSeconds: number;
  /** Seconds from the first alert until the worker finished the last job. */
  readonly drainSeconds: number;
  readonly answers: number;
  readonly updates: number;
  readonly worker: { readonly peakMb: number };
}

export async function runStorm(options: BenchOptions, sizes: Sizes): Promise<StormResult> {
  const { alerts, services, seconds } = sizes.storm;
  const p = await startPipeline('storm', options, 64);
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
        const done = (await p.worker.stats()).completed >= alerts;
        if (done) drainedAt = nowMs();
        return done;
      },
      300_000,
      20,
    );
    const stats = await p.worker.stats();
    return {
      alerts,
      services,
      postSeconds,
      drainSeconds: (drainedAt - t0) / 1000,
      answers: stats.deliveries,
      updates: stats.updates,
      worker: { peakMb: p.worker.memory().peakMb },
    };
  } finally {
    await p.stop();
  }
}
