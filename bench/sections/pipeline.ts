import { z } from 'zod';
import { benchAlert } from '../alerts.js';
import { BENCH_TOKEN, botEnv } from '../bot-env.js';
import { createWebhookClient } from '../http-client.js';
import type { BenchOptions } from '../options.js';
import { type BenchChild, startChild, startChildren } from '../processes.js';
import { deletePrefix, redisCpuMs, uniquePrefix } from '../redis.js';
import type { Sizes } from '../sizes.js';
import { nowMs, percentile, runAtRate, runLimited } from '../stats.js';
import { waitUntil } from '../wait.js';
import { ownCpuMs } from './queue-floor.js';

/**
 * The pipeline as deployed: Alertmanager webhooks over HTTP to the bot's intake (its own process), BullMQ
 * on the shared Redis, the bot's worker (its own process: createBot with the shipped rules, recorded
 * metrics and a no-op notifier). Every alert is about its own service, so each one is diagnosed and
 * answered once.
 */

const AcceptedSchema = z.object({ status: z.enum(['accepted', 'duplicate']), incidentId: z.string() });

export interface PipelineResult {
  readonly alerts: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Webhooks accepted (202) per second while saturating: the intake's side of the figure. */
  readonly intakePerSecond: number;
  readonly latency: {
    readonly rate: number;
    readonly count: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
  };
  readonly worker: { readonly idleMb: number; readonly peakMb: number };
  readonly intake: { readonly peakMb: number };
  /** CPU milliseconds per alert while saturating, by process (Redis: all its clients). */
  readonly cpuPerAlertMs: {
    readonly worker: number;
    readonly intake: number;
    readonly client: number;
    readonly redis: number;
  };
}

export interface Pipeline {
  readonly intake: BenchChild;
  readonly worker: BenchChild;
  readonly prefix: string;
  /** Posts alert `i` of `run`; resolves with its incident id once it is accepted (202). */
  post(run: string, i: number, services?: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startPipeline(
  label: string,
  options: BenchOptions,
  maxSockets: number,
): Promise<Pipeline> {
  const prefix = uniquePrefix(label);
  const env = botEnv({ prefix, queue: label, concurrency: options.concurrency, logLevel: options.logLevel });
  const [intake, worker] = await Promise.all([
    startChild('intake', env),
    startChildren('worker', env, options.workers),
  ]);
  if (!intake.address) throw new Error('the intake did not say where it listens');
  const client = createWebhookClient(intake.address, BENCH_TOKEN, maxSockets);
  return {
    intake,
    worker,
    prefix,
    async post(run, i, services) {
      const res = await client.post(JSON.stringify(benchAlert(run, i, services).payload));
      if (res.status !== 202) throw new Error(`webhook answered ${res.status}: ${res.body.slice(0, 300)}`);
      return AcceptedSchema.parse(JSON.parse(res.body)).incidentId;
    },
    async stop() {
      client.close();
      await Promise.all([intake.stop(), worker.stop()]);
      await deletePrefix(prefix);
    },
  };
}

function latest(times: ReadonlyMap<string, number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const t of times.values()) if (t > max) max = t;
  return max;
}

export async function runPipeline(options: BenchOptions, sizes: Sizes): Promise<PipelineResult> {
  const p = await startPipeline('pipeline', options, sizes.inFlight);
  const idleMb = p.worker.memory().rssMb;
  let posted = 0;
  const post = async (run: string, i: number) => {
    posted++;
    return p.post(run, i);
  };
  const answered = () =>
    waitUntil(
      'every alert to be answered',
      async () => (await p.worker.stats()).deliveries >= posted,
      180_000,
    );
  try {
    await runLimited(sizes.warmup, sizes.inFlight, async (i) => {
      await post('warm', i);
    });
    await answered();
    await p.worker.take();

    const cpu0 = {
      worker: (await p.worker.stats()).cpuMs,
      intake: (await p.intake.stats()).cpuMs,
      client: ownCpuMs(),
      redis: await redisCpuMs(),
    };
    const t0 = nowMs();
    let lastAccepted = t0;
    await runLimited(sizes.pipelineAlerts, sizes.inFlight, async (i) => {
      await post('sat', i);
      lastAccepted = Math.max(lastAccepted, nowMs());
    });
    await answered();
    const seconds = (latest(await p.worker.take()) - t0) / 1000;
    const perAlert = (ms: number) => ms / sizes.pipelineAlerts;
    const cpuPerAlertMs = {
      worker: perAlert((await p.worker.stats()).cpuMs - cpu0.worker),
      intake: perAlert((await p.intake.stats()).cpuMs - cpu0.intake),
      client: perAlert(ownCpuMs() - cpu0.client),
      redis: perAlert((await redisCpuMs()) - cpu0.redis),
    };

    const count = sizes.steadyRate * sizes.steadySeconds;
    const sent: [string, number][] = [];
    await runAtRate(count, sizes.steadyRate, async (i) => {
      const t = nowMs();
      sent.push([await post('steady', i), t]);
    });
    await answered();
    const times = await p.worker.take();
    const latencies = sent.map(([id, t]) => (times.get(id) ?? Number.NaN) - t);
    return {
      alerts: sizes.pipelineAlerts,
      seconds,
      perSecond: sizes.pipelineAlerts / seconds,
      intakePerSecond: (sizes.pipelineAlerts * 1000) / (lastAccepted - t0),
      latency: {
        rate: sizes.steadyRate,
        count,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: percentile(latencies, 100),
      },
      worker: { idleMb, peakMb: p.worker.memory().peakMb },
      intake: { peakMb: p.intake.memory().peakMb },
      cpuPerAlertMs,
    };
  } finally {
    await p.stop();
  }
}
