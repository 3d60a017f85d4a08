import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { readCatalogue } from './adapters/catalogue/read-catalogue.js';
import { createChartRenderer } from './adapters/chart/create-chart-renderer.js';
import type { HttpPlugin } from './adapters/http/create-http-server.js';
import { playgroundPlugin } from './adapters/http/playground/playground-plugin.js';
import { createLogger } from './adapters/logging/create-logger.js';
import { createLogNotifier } from './adapters/notify/log-notifier.js';
import { createKeyMetricSource } from './adapters/prometheus/create-key-metric-source.js';
import {
  createPrometheusMetricsSource,
  type PrometheusMetricsSource,
} from './adapters/prometheus/create-prometheus-metrics-source.js';
import { createWorkerMetricsSource } from './adapters/prometheus/create-worker-metrics-source.js';
import type { PrometheusCallError } from './adapters/prometheus/prometheus-api.js';
import { closeRedis, createRedis } from './adapters/redis/create-redis.js';
import { createRulesProvider, type RulesProvider } from './adapters/rule-files/create-rules-provider.js';
import { keepHeapNearLiveSet } from './adapters/runtime/heap-growth.js';
import { createShellQuote } from './adapters/shell/create-shell-quote.js';
import { createSlackAnswers, type SlackAnswers } from './adapters/slack/create-slack-answers.js';
import { createSlackBot, type SlackBot } from './adapters/slack/create-slack-bot.js';
import { slackPrefixOf } from './adapters/slack/redis-slack-state.js';
import type { SlackSettings } from './adapters/slack/slack-settings.js';
import { createBotMetrics } from './adapters/telemetry/create-bot-metrics.js';
import type { CoreProvider } from './app/core-provider.js';
import { createPipelineNotifier } from './app/create-pipeline-notifier.js';
import { createChatHandler } from './app/handle-chat-message.js';
import type { Notifier } from './app/notifier.js';
import { createQueuedDiagnosisRequests } from './app/queue-diagnosis-requests.js';
import {
  type Bot,
  type BotContext,
  type BotExtension,
  type BotExtensionFactory,
  createBot,
} from './bot/create-bot.js';
import { DEFAULT_CATALOGUE } from './compose.js';
import { type Config, isConfigError, ROLES, type Role, readConfig, slackSettingsOf } from './config.js';
import { errorMessage, isResetDoctorError } from './errors.js';

/**
 * The bot's composition root (`npm start`): reads the configuration once, builds the logger and every part
 * the configuration asks for, hands them to `createBot`, and runs intake, worker or both (`--role
 * intake|worker`) until SIGTERM/SIGINT, then stops gracefully: no new requests or jobs, the ones in flight
 * finish, connections close.
 *
 * The parts: the rules (hot reload on file changes and SIGHUP) as the core provider; the Prometheus
 * metrics source when PROMETHEUS_URL is set (one per process: its cache and its concurrency cap serve
 * every job); Slack when SLACK_BOT_TOKEN is set (the receiver on the one HTTP server or a Socket Mode
 * connection, mentions queued as jobs, answers and alert threads posted by the worker through the chat
 * notifier, charts from Prometheus); the rule playground when PLAYGROUND=1. `assembleBot` builds them all
 * without listening, so tests run the same product on port 0.
 */

const USAGE = 'usage: npm start -- [--role all|intake|worker]';

export interface AssembleOptions {
  /** The registry /metrics serves (default: a new one). */
  readonly registry?: Registry;
  readonly clock?: () => number;
  /** The signal that reloads the rules (default SIGHUP; false: none, e.g. several bots in one test process). */
  readonly reloadSignal?: NodeJS.Signals | false;
}

export interface AssembledBot {
  readonly bot: Bot;
  /** The rules served (absent in an intake process without Slack or playground: it diagnoses nothing). */
  readonly rules?: RulesProvider;
  readonly prometheus?: PrometheusMetricsSource;
  readonly slack?: SlackAnswers;
  /** What runs, for the start line. */
  readonly parts: Readonly<Record<string, string | boolean>>;
  listen(port?: number, host?: string): Promise<string>;
  stop(force?: boolean): Promise<void>;
}

/** The Slack side: answers (worker), the receiver and the chat use case (intake), and their lifecycle. */
function slackExtension(deps: {
  readonly settings: SlackSettings;
  readonly slack: SlackAnswers;
  readonly redis: Redis;
  readonly core: CoreProvider | undefined;
  readonly logger: Logger;
}): BotExtensionFactory {
  const { slack, settings, logger } = deps;
  return (context: BotContext): BotExtension => {
    let receiver: SlackBot | undefined;
    const core = deps.core;
    if (context.submit && core) {
      const log = logger.child({ component: 'slack' });
      const chat = createChatHandler({
        dedupe: slack.state,
        notifier: slack.notifier,
        requests: createQueuedDiagnosisRequests(context.submit, log),
        replies: slack.notifier,
        archive: slack.state,
        // The rules serving at the time of the question ("why not" after a reload uses the new ones).
        core: {
          explain: (incident, cause, fetched) => core().explain(incident, cause, fetched),
          unitOf: (fact) => core().unitOf(fact),
        },
        now: () => new Date(),
        log,
      });
      receiver = createSlackBot({
        settings,
        log,
        client: slack.client,
        chat,
        ruleSet: () => core().ruleSet,
        feedback: { store: slack.state, archive: slack.state, replies: slack.notifier, log },
      });
    }
    const plugin = receiver?.plugin;
    return {
      name: 'slack',
      ...(plugin ? { routes: [{ name: 'slack-events', plugin }] } : {}),
      readiness: [
        {
          name: 'slack-state',
          async check() {
            await deps.redis.ping();
          },
        },
      ],
      async start() {
        await receiver?.start();
        slack.start();
      },
      async stop() {
        await receiver?.stop();
      },
      async close() {
        // After the worker: its last answers may still be going to Slack or into the outbox.
        await slack.stop();
        await closeRedis(deps.redis);
      },
    };
  };
}

/** Builds every part the configuration asks for and the bot around them; nothing listens yet. */
export async function assembleBot(
  config: Config,
  logger: Logger,
  options: AssembleOptions = {},
): Promise<AssembledBot> {
  const role = config.role;
  const runsWorker = role === 'all' || role === 'worker';
  const metrics = createBotMetrics(options.registry ?? new Registry());
  const extensions: BotExtensionFactory[] = [];
  /** What to release if the bot cannot be built (once built, its extensions release them on stop). */
  const releases: (() => Promise<void>)[] = [];
  const quote = createShellQuote();
  const catalogue = await readCatalogue(DEFAULT_CATALOGUE);

  // The rules: the worker diagnoses with them; Slack's intake answers "why not" and `/reset-doctor rules`;
  // the playground edits copies of them. An intake-only process without those needs none.
  const rules =
    runsWorker || config.slack !== undefined || config.playground
      ? await createRulesProvider({
          rulesDir: config.rulesDir,
          catalogue,
          quote,
          logger: logger.child({ component: 'rules' }),
          watch: config.rulesWatch,
          signal: options.reloadSignal ?? 'SIGHUP',
        })
      : undefined;
  if (rules) {
    extensions.push(() => ({ name: 'rules', close: () => rules.close() }));
    releases.push(() => rules.close());
  }
  const core: CoreProvider | undefined = rules ? () => rules.current() : undefined;

  // Prometheus: one source per process, so its cache and concurrency cap are shared by every job.
  const countError = (e: PrometheusCallError) => metrics.prometheusErrors.inc({ kind: e.kind });
  const prom = config.prometheus;
  const headers = prom.bearerToken ? { authorization: `Bearer ${prom.bearerToken.reveal()}` } : undefined;
  let prometheus: PrometheusMetricsSource | undefined;
  if (config.prometheusUrl && runsWorker) {
    prometheus = createPrometheusMetricsSource({
      url: config.prometheusUrl,
      catalogue,
      window: prom.window,
      correlationRange: prom.correlationRange,
      concurrency: prom.concurrency,
      queryTimeoutMs: prom.queryTimeoutMs,
      deadlineMs: prom.deadlineMs,
      cacheTtlMs: prom.cacheTtlMs,
      errorTtlMs: prom.errorTtlMs,
      ...(headers ? { headers } : {}),
      logger: logger.child({ component: 'prometheus' }),
      onError: countError,
    });
    const source = prometheus;
    metrics.observePrometheus(() => source.stats());
  }

  // Slack: answers wherever diagnoses finish (and for the intake's placeholders and replies), the receiver
  // wherever intake runs.
  let slack: SlackAnswers | undefined;
  let notifier: Notifier = createLogNotifier();
  if (config.slack) {
    const settings = slackSettingsOf(config.slack);
    const redis = createRedis(
      {
        url: config.redisUrl.reveal(),
        kind: 'store',
        timeoutMs: config.redisTimeoutMs,
        name: 'reset-doctor-slack',
      },
      logger,
    );
    releases.push(() => closeRedis(redis));
    const keyMetrics =
      config.prometheusUrl && core && runsWorker
        ? createKeyMetricSource({
            url: config.prometheusUrl,
            core,
            window: prom.window,
            queryTimeoutMs: prom.queryTimeoutMs,
            ...(headers ? { headers } : {}),
            onError: countError,
          })
        : undefined;
    slack = createSlackAnswers({
      settings,
      redis,
      log: logger,
      prefix: slackPrefixOf(config.queue.prefix),
      ...(keyMetrics ? { keyMetrics, chart: createChartRenderer() } : {}),
      onError: (method) => metrics.slackErrors.inc({ method }),
    });
    notifier = createPipelineNotifier({
      answers: slack.notifier,
      fallback: notifier,
      alertChannelLabel: settings.alertChannelLabel,
      ...(settings.alertChannel === undefined ? {} : { alertChannel: settings.alertChannel }),
    });
    extensions.push(slackExtension({ settings, slack, redis, core, logger }));
  }

  // The playground: no authentication, diagnoses on the bot's CPU; trusted networks only.
  if (config.playground && rules) {
    const served = rules;
    const plugin: HttpPlugin = {
      name: 'playground',
      plugin: async (app) => {
        await app.register(playgroundPlugin, { prefix: '/playground', rules: served, quote });
      },
    };
    extensions.push(() => ({ name: 'playground', routes: [plugin] }));
  }

  let bot: Bot;
  try {
    bot = await createBot(config, logger, {
      metrics,
      notifier,
      extensions,
      ...(core ? { core } : {}),
      ...(prometheus ? { metricsSource: createWorkerMetricsSource(prometheus) } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  } catch (e) {
    // Nothing started yet but what was built here: release it so a failed start leaves no handles behind.
    for (const release of releases) await release().catch(() => undefined);
    throw e;
  }
  const slackMode = config.slack ? (config.slack.appToken ? 'socket' : 'http') : false;
  return {
    bot,
    ...(rules ? { rules } : {}),
    ...(prometheus ? { prometheus } : {}),
    ...(slack ? { slack } : {}),
    parts: {
      rulesVersion: rules?.current().version ?? false,
      prometheus: prometheus?.url ?? false,
      slack: slackMode,
      playground: config.playground && rules !== undefined,
    },
    listen: (port, host) => bot.listen(port, host),
    stop: (force) => bot.stop(force),
  };
}

function parseRole(argv: readonly string[]): Role {
  const { values } = parseArgs({
    args: [...argv],
    options: { role: { type: 'string', default: 'all' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) throw Object.assign(new Error(USAGE), { help: true });
  const role = values.role;
  if (!(ROLES as readonly string[]).includes(role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

export async function runBot(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let role: Role;
  try {
    role = parseRole(argv);
  } catch (e) {
    const help = e instanceof Error && 'help' in e;
    process.stderr.write(help ? `${USAGE}\n` : `reset-doctor: ${errorMessage(e)}\n${USAGE}\n`);
    return help ? 0 : 2;
  }
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(env, { role });
  } catch (e) {
    if (isConfigError(e)) {
      process.stderr.write(`reset-doctor: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
  if (role !== 'intake') keepHeapNearLiveSet();
  const logger = createLogger({ level: config.logLevel });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting');
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    logger.fatal({ err }, 'unhandled rejection; exiting');
    process.exit(1);
  });

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'reset_doctor_' });
  let assembled: AssembledBot;
  try {
    assembled = await assembleBot(config, logger, { registry });
  } catch (e) {
    logger.fatal({ err: e }, 'cannot start');
    process.stderr.write(`reset-doctor: ${errorMessage(e)}\n`);
    return isResetDoctorError(e) ? e.exitCode : 1;
  }
  // SIGHUP reloads the rules (the provider listens for it); a process without rules must not die of it.
  if (!assembled.rules) process.on('SIGHUP', () => logger.info('SIGHUP: this process serves no rules'));
  const address = await assembled.listen();
  logger.info(
    {
      role,
      address,
      queue: config.queue.name,
      prefix: config.queue.prefix,
      redis: config.redisUrlForLog,
      concurrency: role === 'intake' ? undefined : config.queue.concurrency,
      webhook: role !== 'worker' && config.alertmanager.enabled,
      ...assembled.parts,
    },
    'reset-doctor started',
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info(
    { signal, timeoutS: config.shutdownTimeoutS },
    'stopping: finishing requests and jobs in flight',
  );
  // A second signal or the timeout abandons the jobs in flight (another worker recovers them).
  const abandon = new Promise<'forced'>((resolve) => {
    setTimeout(() => resolve('forced'), config.shutdownTimeoutS * 1000);
    process.once('SIGTERM', () => resolve('forced'));
    process.once('SIGINT', () => resolve('forced'));
  });
  const outcome = await Promise.race([assembled.stop().then(() => 'stopped' as const), abandon]);
  if (outcome === 'forced') {
    logger.warn(
      'stop timed out (or a second signal came): abandoning jobs in flight; they will be recovered',
    );
    await Promise.race([assembled.stop(true), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
  logger.info({ forced: outcome === 'forced' }, 'reset-doctor stopped');
  return outcome === 'forced' ? 1 : 0;
}

/** True when this module is the program (`node dist/main.js`), not imported (tests import `assembleBot`). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exit(await runBot(process.argv.slice(2), process.env));
