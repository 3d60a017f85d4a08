import type { DeliveryRef } from '../src/app/diagnosis-store.js';
import type { MetricsSource } from '../src/app/metrics-source.js';
import type { Notifier } from '../src/app/notifier.js';
import { CHILD_ROLES, type ChildReply, type ChildRole, RequestSchema } from './protocol.js';
import { nowMs } from './stats.js';

/**
 * A process the harness measures: `floor` (a bare BullMQ worker with a no-op processor), `worker` (the
 * bot's worker, built by createBot, with a no-op notifier and recorded metrics) or `intake` (the bot's
 * HTTP intake). Configured through the bot's own environment variables; controlled over IPC.
 */

const role = process.argv[2] as ChildRole;
if (!CHILD_ROLES.includes(role)) throw new Error(`unknown role ${process.argv[2]}`);
const send = (reply: ChildReply) => process.send?.(reply);

/** When each job was taken or answered, until the harness takes them. */
let times: [string, number][] = [];
const counters = { completed: 0, deliveries: 0, updates: 0, followUps: 0 };
/** The worker's count of deferred answer changes (its own metric). */
let readDeferred: () => Promise<number> = async () => 0;
let close: () => Promise<void> = async () => undefined;
let stopping: Promise<void> | undefined;
/** Stops once, however many times it is asked (a stop request, then the channel closing). */
const stop = () => {
  stopping ??= close().catch(() => undefined);
  return stopping;
};

async function startFloor(): Promise<void> {
  // Only BullMQ and its client: the bot's configuration module would bring the whole bot along.
  const [{ Worker }, { Redis }, { z }] = await Promise.all([
    import('bullmq'),
    import('ioredis'),
    import('zod'),
  ]);
  const env = z
    .object({
      REDIS_URL: z.string(),
      QUEUE_NAME: z.string(),
      QUEUE_PREFIX: z.string(),
      WORKER_CONCURRENCY: z.coerce.number().int().positive(),
      JOB_LOCK_MS: z.coerce.number().int().positive(),
    })
    .parse(process.env);
  const config = {
    queue: {
      name: env.QUEUE_NAME,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      lockMs: env.JOB_LOCK_MS,
    },
  };
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  // The same worker options as the bot's worker (src/adapters/queue/bullmq-worker.ts), nothing else.
  const worker = new Worker(
    config.queue.name,
    async (job) => {
      times.push([job.id ?? '', nowMs()]);
    },
    {
      connection,
      prefix: config.queue.prefix,
      concurrency: config.queue.concurrency,
      lockDuration: config.queue.lockMs,
      stalledInterval: config.queue.lockMs,
      maxStalledCount: 2,
    },
  );
  worker.on('completed', () => {
    counters.completed++;
  });
  await worker.waitUntilReady();
  close = async () => {
    await worker.close();
    await connection.quit();
  };
  send({ type: 'ready' });
}

/** Replays the recorded readings of the scenario the alert's service belongs to. */
async function recordedSource(): Promise<MetricsSource> {
  const [{ readRecordedMetrics }, { scenarioServiceOf }] = await Promise.all([
    import('./recorded-metrics.js'),
    import('./alerts.js'),
  ]);
  const recorded = await readRecordedMetrics();
  const byService = new Map(Object.values(recorded.scenarios).map((s) => [s.service, s.fetched]));
  return {
    async fetch(request) {
      const service = request.subject.service;
      return service === undefined ? undefined : byService.get(scenarioServiceOf(service));
    },
  };
}

/** Answers go nowhere; only when they arrived is kept. */
const noopNotifier: Notifier = {
  async deliver(answer): Promise<DeliveryRef> {
    counters.deliveries++;
    times.push([answer.incidentId, nowMs()]);
    return { via: 'bench' };
  },
  async update(_answer, delivery) {
    counters.updates++;
    return delivery;
  },
};

async function startBot(botRole: 'worker' | 'intake'): Promise<void> {
  const [
    { createLogger },
    { createBot },
    { loadCore },
    { readConfig },
    { CATALOGUE_FILE },
    { keepHeapNearLiveSet },
  ] = await Promise.all([
    import('../src/adapters/logging/create-logger.js'),
    import('../src/bot/create-bot.js'),
    import('../src/compose.js'),
    import('../src/config.js'),
    import('./paths.js'),
    import('../src/adapters/runtime/heap-growth.js'),
  ]);
  // As the bot's own start (runBot in src/main.ts) does for a process that runs a worker.
  if (botRole === 'worker') keepHeapNearLiveSet();
  const config = readConfig(process.env, { role: botRole });
  const logger = createLogger({ level: config.logLevel });
  if (botRole === 'intake') {
    const bot = await createBot(config, logger);
    const address = await bot.listen(0, '127.0.0.1');
    close = () => bot.stop();
    send({ type: 'ready', address });
    return;
  }
  const core = await loadCore({ rulesDir: config.rulesDir, catalogueFile: CATALOGUE_FILE });
  const bot = await createBot(config, logger, {
    core: () => core,
    notifier: noopNotifier,
    metricsSource: await recordedSource(),
  });
  const worker = bot.worker;
  if (!worker) throw new Error('no worker');
  worker.bull.on('completed', (job) => {
    counters.completed++;
    if (job.name === 'sync') counters.followUps++;
  });
  readDeferred = async () => (await bot.metrics.answerUpdatesDeferred.get()).values[0]?.value ?? 0;
  await worker.bull.waitUntilReady();
  close = () => bot.stop();
  send({ type: 'ready' });
}

process.on('message', (raw: unknown) => {
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) return;
  const { id, type } = parsed.data;
  if (type === 'stats') {
    void readDeferred()
      .catch(() => 0)
      .then((deferred) => {
        const cpu = process.cpuUsage();
        send({ type: 'stats', id, stats: { ...counters, deferred, cpuMs: (cpu.user + cpu.system) / 1000 } });
      });
  } else if (type === 'take') {
    const taken = times;
    times = [];
    send({ type: 'taken', id, times: taken });
  } else {
    void stop().then(() => {
      send({ type: 'stopped', id });
      process.disconnect?.();
      setTimeout(() => process.exit(0), 50).unref();
    });
  }
});
process.on('disconnect', () => {
  // The harness went away: do not outlive it.
  void stop().then(() => process.exit(0));
});

try {
  if (role === 'floor') await startFloor();
  else await startBot(role);
} catch (e) {
  send({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
  process.disconnect?.();
}
