import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChartRenderer, KeyMetricSource } from '../../app/key-metric-source.js';
import { createSlackWebClient } from './create-slack-web-client.js';
import { createRedisSlackState } from './redis-slack-state.js';
import { createSlackDelivery } from './slack-delivery.js';
import { createSlackNotifier, type SlackNotifier } from './slack-notifier.js';
import { createOutboxDrainer, createSlackOutbox } from './slack-outbox.js';
import type { SlackSettings } from './slack-settings.js';

/**
 * Everything that posts answers in Slack, assembled: the Web API client, the Redis state, per-channel
 * delivery with retries, the outbox and its drainer, and the notifier the pipeline calls back. Needed in
 * every process that finishes diagnoses (the worker role), and by the Bolt app for its replies.
 */

export const DEFAULT_SLACK_PREFIX = '{reset-doctor}:slack:';

export interface SlackAnswersDeps {
  readonly settings: SlackSettings;
  readonly redis: Redis;
  readonly log: Logger;
  /** Hash-tagged key prefix shared by every bot process. */
  readonly prefix?: string;
  readonly keyMetrics?: KeyMetricSource;
  readonly chart?: ChartRenderer;
  /** Told about every failed Web API call of the delivery (method, error). */
  readonly onError?: (method: string, error: unknown) => void;
}

export function createSlackAnswers(deps: SlackAnswersDeps) {
  const { settings, redis } = deps;
  const log = deps.log.child({ component: 'slack' });
  const prefix = deps.prefix ?? DEFAULT_SLACK_PREFIX;
  const client = createSlackWebClient({ botToken: settings.botToken, apiUrl: settings.apiUrl }, log);
  const state = createRedisSlackState({
    redis,
    prefix,
    dedupeTtlS: settings.dedupeTtlS,
    archiveTtlS: settings.archiveTtlS,
  });
  let notifier: SlackNotifier | undefined;
  const delivery = createSlackDelivery({
    client,
    log,
    attempts: settings.retry.attempts,
    baseMs: settings.retry.baseMs,
    onPosted: async (posted) => notifier?.onPosted(posted),
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  const outbox = createSlackOutbox({ redis, prefix, log });
  const drainer = createOutboxDrainer({
    outbox,
    delivery,
    log,
    intervalMs: settings.outbox.intervalMs,
    maxBackoffMs: settings.outbox.maxBackoffMs,
    keepS: settings.outbox.keepS,
  });
  notifier = createSlackNotifier({
    delivery,
    outbox,
    drainer,
    archive: state,
    alertThreads: state.alertThreads,
    log,
    outboxDelayMs: settings.outbox.intervalMs,
    ...(settings.alertChannel ? { alertChannel: settings.alertChannel } : {}),
    ...(deps.keyMetrics ? { keyMetrics: deps.keyMetrics } : {}),
    ...(deps.chart ? { chart: deps.chart } : {}),
  });
  return {
    client,
    state,
    delivery,
    outbox,
    drainer,
    notifier,
    /** Starts the outbox drainer (answers kept by an earlier run are sent as soon as Slack takes them). */
    start() {
      drainer.start();
      void drainer.drain().catch((e: unknown) => log.warn({ err: e }, 'outbox round failed'));
    },
    async stop() {
      await drainer.stop();
    },
  };
}

export type SlackAnswers = ReturnType<typeof createSlackAnswers>;
