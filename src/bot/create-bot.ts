import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { alertmanagerRoute } from '../adapters/http/alertmanager-route.js';
import {
  createHttpServer,
  type HttpPlugin,
  type ReadinessCheck,
} from '../adapters/http/create-http-server.js';
import { createLogNotifier } from '../adapters/notify/log-notifier.js';
import { type BullmqQueue, createBullmqQueue } from '../adapters/queue/bullmq-job-queue.js';
import { createDiagnosisWorker, type DiagnosisWorker } from '../adapters/queue/bullmq-worker.js';
import { closeRedis, createRedis } from '../adapters/redis/create-redis.js';
import { createRedisDiagnosisStore } from '../adapters/redis/redis-diagnosis-store.js';
import { type BotMetrics, createBotMetrics } from '../adapters/telemetry/create-bot-metrics.js';
import { createPipelineTelemetry } from '../adapters/telemetry/create-pipeline-telemetry.js';
import { acceptAlert } from '../app/accept-alert.js';
import { acceptIncident, type IncidentSubmission } from '../app/accept-incident.js';
import type { CoreProvider } from '../app/core-provider.js';
import type { DiagnosisStore } from '../app/diagnosis-store.js';
import type { JobQueue } from '../app/job-queue.js';
import { type MetricsSource, noMetricsSource } from '../app/metrics-source.js';
import type { Notifier } from '../app/notifier.js';
import { createJobProcessor } from '../app/process-job.js';
import { reportUnanswered } from '../app/report-unanswered.js';
import type { Config } from '../config.js';
import { ResetDoctorError } from '../errors.js';

/**
 * Assembles the bot for a role from the configuration and the ports filled in by the composition root
 * (`src/main.ts`): intake (HTTP webhook → queue), worker (queue → diagnosis → notifier), or both. Other
 * parts plug in through `BotParts` without changes here: a notifier (Slack), a metrics source
 * (Prometheus), a core provider (rule reload), and extensions that add routes, readiness checks and
 * start/stop hooks and may submit incidents to the queue (a Slack receiver, a rule playground).
 */

/** What an extension gets to work with once the bot's own parts exist. */
export interface BotContext {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: BotMetrics;
  readonly store: DiagnosisStore;
  /** Present where intake runs (roles all and intake). */
  readonly jobs?: JobQueue;
  /** Queues any incident (a Slack mention): the job id comes from `key`, so redeliveries are no-ops. */
  readonly submit?: (submission: IncidentSubmission, log?: Logger) => ReturnType<typeof acceptIncident>;
}

/**
 * A part added to the bot without changing it: a Slack receiver (routes in HTTP mode, a Socket Mode
 * connection to start and stop), a rule playground (pages), a rule watcher (start/stop).
 */
export interface BotExtension {
  readonly name: string;
  readonly routes?: readonly HttpPlugin[];
  readonly readiness?: readonly ReadinessCheck[];
  /** Called once the HTTP server listens. */
  start?(): Promise<void>;
  /** Called first on shutdown, before the server and the worker stop. */
  stop?(): Promise<void>;
  /**
   * Called last on shutdown, once the worker has finished its jobs: releases what the worker's ports use
   * (a Slack outbox and its Redis connection, a rule watcher).
   */
  close?(): Promise<void>;
}

export type BotExtensionFactory = (context: BotContext) => BotExtension | Promise<BotExtension>;

export interface BotParts {
  /** Required for the worker: the current diagnosis core, asked once per job. */
  readonly core?: CoreProvider;
  /** Defaults to the log notifier (answers as structured log lines, kept in Redis). */
  readonly notifier?: Notifier;
  /** Defaults to no metrics (PROMETHEUS_URL unset). */
  readonly metricsSource?: MetricsSource;
  /** More routes on the one HTTP server. */
  readonly plugins?: readonly HttpPlugin[];
  readonly readiness?: readonly ReadinessCheck[];
  /** Parts that need the queue or the store (built after them, started after listen, stopped first). */
  readonly extensions?: readonly BotExtensionFactory[];
  readonly registry?: Registry;
  /** The bot's metrics, when other parts count into them before the bot exists (built on `registry` otherwise). */
  readonly metrics?: BotMetrics;
  readonly clock?: () => number;
}

export interface Bot {
  readonly http: FastifyInstance;
  readonly metrics: BotMetrics;
  /** The store as the worker (or intake) sees it. */
  readonly store: DiagnosisStore;
  readonly queue?: BullmqQueue;
  readonly worker?: DiagnosisWorker;
  readonly context: BotContext;
  /** Listens on `port` (PORT by default); returns the address. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful stop: the HTTP server stops taking requests and finishes those in flight, the worker stops
   * taking jobs and finishes those in flight, then connections close. `force` abandons jobs in flight
   * (they are recovered by another worker once their lock expires).
   */
  stop(force?: boolean): Promise<void>;
}

export async function createBot(config: Config, logger: Logger, parts: BotParts = {}): Promise<Bot> {
  const role = config.role;
  const runsIntake = role === 'all' || role === 'intake';
  const runsWorker = role === 'all' || role === 'worker';
  const registry = parts.metrics?.registry ?? parts.registry ?? new Registry();
  const metrics = parts.metrics ?? createBotMetrics(registry);
  const clock = parts.clock ?? Date.now;
  const url = config.redisUrl.reveal();
  const timeoutMs = config.redisTimeoutMs;
  const connections: Redis[] = [];
  const connect = (kind: 'producer' | 'worker' | 'store') => {
    const c = createRedis({ url, kind, timeoutMs }, logger);
    connections.push(c);
    return c;
  };
  const queueSettings = { ...config.queue };

  const producer = runsIntake ? connect('producer') : undefined;
  const storeClient = runsWorker ? connect('store') : producer;
  if (!storeClient) throw new ResetDoctorError('INTERNAL', `unknown role ${role}`);
  const store = createRedisDiagnosisStore(storeClient, {
    prefix: config.queue.prefix,
    ttlS: config.diagnosisTtlS,
  });

  // Every connection the process depends on: after an outage the webhook's producer may reconnect later
  // than the store's connection, and until it does the webhook answers 503.
  const redisClients = [...new Set([producer, storeClient])].filter((c) => c !== undefined);
  const readiness: ReadinessCheck[] = [
    {
      name: 'redis',
      async check() {
        await Promise.all(redisClients.map((c) => c.ping()));
      },
    },
  ];
  const plugins: HttpPlugin[] = [];

  let queue: BullmqQueue | undefined;
  if (producer) {
    queue = createBullmqQueue(producer, queueSettings, { timeoutMs, groupTtlS: config.diagnosisTtlS });
    const jobs = queue.jobs;
    metrics.observeQueue(() => (queue ? queue.counts() : Promise.resolve({})));
    if (config.alertmanager.enabled) {
      const token = config.alertmanager.token?.reveal();
      if (token === undefined)
        throw new ResetDoctorError(
          'CONFIG_INVALID',
          'ALERTMANAGER_TOKEN is required while the webhook is on',
        );
      const intakeStore = createRedisDiagnosisStore(producer, {
        prefix: config.queue.prefix,
        ttlS: config.diagnosisTtlS,
      });
      plugins.push(
        alertmanagerRoute({
          token,
          maxBytes: config.webhookMaxBytes,
          metrics,
          logger,
          accept: (payload, log) => acceptAlert(payload, { queue: jobs, store: intakeStore, clock }, log),
        }),
      );
    }
  }

  let worker: DiagnosisWorker | undefined;
  let followUps: BullmqQueue | undefined;
  if (runsWorker) {
    const core = parts.core;
    if (!core) throw new ResetDoctorError('INTERNAL', 'the worker needs a diagnosis core');
    readiness.push({
      name: 'rules',
      async check() {
        const n = core().ruleSet.rules.length;
        if (n === 0) throw new Error('no rules loaded');
      },
    });
    const notifier = parts.notifier ?? createLogNotifier();
    // The worker queues its own follow-ups (delayed syncs of answers); a worker-only process has no
    // producer of its own yet.
    followUps =
      queue ??
      createBullmqQueue(connect('producer'), queueSettings, {
        timeoutMs,
        groupTtlS: config.diagnosisTtlS,
      });
    const processJob = createJobProcessor({
      core,
      metrics: parts.metricsSource ?? noMetricsSource,
      notifier,
      store,
      telemetry: createPipelineTelemetry(metrics),
      clock,
      coalesceWindowS: config.coalesceWindowS,
      answerUpdateIntervalS: config.answerUpdateIntervalS,
      jobs: followUps.jobs,
    });
    worker = createDiagnosisWorker(
      connect('worker'),
      { ...queueSettings, concurrency: config.queue.concurrency, lockMs: config.queue.lockMs },
      processJob,
      { logger, metrics, onGaveUp: (data, reason, log) => reportUnanswered(data, reason, notifier, log) },
    );
  }

  const context: BotContext = {
    config,
    logger,
    metrics,
    store,
    ...(queue === undefined
      ? {}
      : {
          jobs: queue.jobs,
          submit: (submission: IncidentSubmission, log: Logger = logger) => {
            const jobs = queue?.jobs;
            if (!jobs) throw new ResetDoctorError('INTERNAL', 'no queue');
            return acceptIncident(submission, { queue: jobs, clock }, log).then((accepted) => {
              if (!accepted.duplicate) metrics.jobsReceived.inc({ source: submission.source });
              return accepted;
            });
          },
        }),
  };
  const extensions: BotExtension[] = [];
  for (const make of parts.extensions ?? []) extensions.push(await make(context));
  readiness.push(...(parts.readiness ?? []), ...extensions.flatMap((e) => e.readiness ?? []));
  plugins.push(...(parts.plugins ?? []), ...extensions.flatMap((e) => e.routes ?? []));
  const http = await createHttpServer({
    logger,
    registry,
    readiness,
    plugins,
    readinessTimeoutMs: timeoutMs,
  });

  let closing: Promise<void> | undefined;
  const closeExtensions = () => {
    closing ??= (async () => {
      for (const e of [...extensions].reverse()) {
        try {
          await e.close?.();
        } catch (err) {
          logger.warn({ err, extension: e.name }, 'extension did not close cleanly');
        }
      }
    })();
    return closing;
  };
  let stopping: Promise<void> | undefined;
  return {
    http,
    metrics,
    store,
    ...(queue === undefined ? {} : { queue }),
    ...(worker === undefined ? {} : { worker }),
    context,
    async listen(port = config.port, host = '0.0.0.0') {
      const address = await http.listen({ port, host });
      for (const e of extensions) await e.start?.();
      return address;
    },
    stop(force = false) {
      if (force) {
        // Abandon what is in flight: its locks expire and another worker recovers it.
        return (async () => {
          await worker?.close(true);
          for (const c of connections) c.disconnect();
          await closeExtensions();
        })();
      }
      if (stopping !== undefined) return stopping;
      stopping = (async () => {
        for (const e of [...extensions].reverse()) {
          try {
            await e.stop?.();
          } catch (err) {
            logger.warn({ err, extension: e.name }, 'extension did not stop cleanly');
          }
        }
        await http.close();
        await worker?.close(force);
        if (followUps !== queue) await followUps?.close();
        await queue?.close();
        await Promise.all(connections.map((c) => closeRedis(c)));
        await closeExtensions();
      })();
      return stopping;
    },
  };
}
