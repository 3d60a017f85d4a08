import { parseArgs } from 'node:util';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createLogger } from './adapters/logging/create-logger.js';
import type { BotParts } from './bot/create-bot.js';
import { createBot } from './bot/create-bot.js';
import { loadCore } from './compose.js';
import { isConfigError, ROLES, type Role, readConfig } from './config.js';
import { errorMessage, isResetDoctorError } from './errors.js';

/**
 * The bot's composition root (`npm start`): reads the configuration once, builds the logger, the core and
 * the ports, and runs intake, worker or both (`--role intake|worker`) until SIGTERM/SIGINT, then stops
 * gracefully: no new requests or jobs, the ones in flight finish, connections close.
 */

const USAGE = 'usage: npm start -- [--role all|intake|worker]';

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
  const parts: { -readonly [K in keyof BotParts]: BotParts[K] } = { registry };
  if (role !== 'intake') {
    try {
      const core = await loadCore({ rulesDir: config.rulesDir });
      parts.core = () => core;
      logger.info({ rules: core.ruleSet.rules.length, rulesVersion: core.ruleSet.version }, 'rules loaded');
    } catch (e) {
      logger.fatal({ err: e }, 'cannot load the rules');
      process.stderr.write(`reset-doctor: ${errorMessage(e)}\n`);
      return isResetDoctorError(e) ? e.exitCode : 1;
    }
  }
  // Ports that other parts fill in later: a Prometheus metrics source when PROMETHEUS_URL is set, a Slack
  // notifier (and its routes) when SLACK_BOT_TOKEN is. Until then: no metrics, answers in the log.
  if (config.prometheusUrl)
    logger.warn('PROMETHEUS_URL is set but no Prometheus source is built in yet; diagnosing without metrics');
  if (config.slack.botToken)
    logger.warn('SLACK_BOT_TOKEN is set but Slack is not built in yet; answers go to the log');

  const bot = await createBot(config, logger, parts);
  const address = await bot.listen();
  logger.info(
    {
      role,
      address,
      queue: config.queue.name,
      prefix: config.queue.prefix,
      redis: config.redisUrlForLog,
      concurrency: role === 'intake' ? undefined : config.queue.concurrency,
      webhook: role !== 'worker' && config.alertmanager.enabled,
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
  const outcome = await Promise.race([bot.stop().then(() => 'stopped' as const), abandon]);
  if (outcome === 'forced') {
    logger.warn(
      'stop timed out (or a second signal came): abandoning jobs in flight; they will be recovered',
    );
    await Promise.race([bot.stop(true), new Promise((r) => setTimeout(r, 5000).unref())]);
  }
  logger.info({ forced: outcome === 'forced' }, 'reset-doctor stopped');
  return outcome === 'forced' ? 1 : 0;
}

process.exit(await runBot(process.argv.slice(2), process.env));
