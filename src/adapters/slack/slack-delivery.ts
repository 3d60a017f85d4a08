import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebClient,
} from '@slack/web-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ResetDoctorError } from '../../errors.js';

/**
 * Getting messages into Slack despite Slack. A delivery plan is a short list of steps (post, update, upload)
 * run in order; each step is retried on its own: a 429 waits its Retry-After (pausing that channel only),
 * 5xx and network errors back off a bounded number of times. A plan that still cannot get through is thrown
 * back with its progress (`SlackUnavailable`) so the caller keeps it in the outbox; a plan Slack refuses for
 * good (`channel_not_found`, `invalid_auth`) is dropped with `SLACK_REJECTED`. Plans are JSON, so the outbox
 * can keep them across restarts.
 */

const RootRef = z.object({ ref: z.literal('root') });
type Ref = z.infer<typeof RootRef>;

const WireBlock = z.looseObject({ type: z.string() });
export const WireMessageSchema = z.object({ text: z.string(), blocks: z.array(WireBlock).readonly() });
export type WireMessage = z.infer<typeof WireMessageSchema>;

/** Opaque data handed back to the plan's owner after a step succeeds (what to remember about it). */
const Remember = z.record(z.string(), z.unknown());

export const SlackStepSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('post'),
    channel: z.string(),
    threadTs: z.union([z.string(), RootRef]).exactOptional(),
    message: WireMessageSchema,
    /** The posted message becomes the plan's root (for later steps' `{ref: 'root'}`). */
    root: z.boolean().exactOptional(),
    remember: Remember.exactOptional(),
  }),
  z.object({
    op: z.literal('update'),
    channel: z.string(),
    ts: z.union([z.string(), RootRef]),
    message: WireMessageSchema,
    /** When the message is gone: post in this thread instead (and make that the root). */
    fallbackThreadTs: z.string().exactOptional(),
    root: z.boolean().exactOptional(),
    remember: Remember.exactOptional(),
  }),
  z.object({
    op: z.literal('upload'),
    channel: z.string(),
    threadTs: z.union([z.string(), RootRef]),
    filename: z.string(),
    title: z.string(),
    altText: z.string(),
    base64: z.string(),
  }),
]);
export type SlackStep = z.infer<typeof SlackStepSchema>;

export const DeliveryPlanSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  channel: z.string(),
  steps: z.array(SlackStepSchema),
  next: z.number().int().min(0),
  root: z.object({ channel: z.string(), ts: z.string() }).exactOptional(),
  attempts: z.number().int().min(0),
  createdAt: z.number(),
});
export type DeliveryPlan = z.infer<typeof DeliveryPlanSchema>;

export class SlackUnavailable extends ResetDoctorError {
  readonly plan: DeliveryPlan;
  constructor(plan: DeliveryPlan, cause: unknown) {
    super('SLACK_UNAVAILABLE', `Slack could not take the answer for ${plan.incidentId}: ${describe(cause)}`, {
      cause,
    });
    this.plan = plan;
  }
}

export interface PostedStep {
  readonly plan: DeliveryPlan;
  readonly step: SlackStep;
  readonly channel: string;
  readonly ts: string;
}

export interface DeliveryOptions {
  readonly client: WebClient;
  readonly log: Logger;
  /** Attempts per call on 5xx and network errors. */
  readonly attempts: number;
  /** First backoff; doubles per attempt. */
  readonly baseMs: number;
  /** Rate-limit waits per call before giving the plan to the outbox. */
  readonly maxRateLimitWaits?: number;
  /** Called after each successful post or update that carries `remember`. */
  readonly onPosted?: (posted: PostedStep) => Promise<void>;
  /** Told about every failed Web API call (the bot counts them by method in its /metrics). */
  readonly onError?: (method: string, error: unknown) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'rate_limited',
  'timeout',
  'team_added_to_org',
]);
const GONE_ERRORS = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

type Failure =
  | { readonly kind: 'rate-limited'; readonly retryAfterS: number }
  | { readonly kind: 'transient' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'not-in-channel' }
  | { readonly kind: 'permanent'; readonly code: string };

function classify(e: unknown): Failure {
  if (e instanceof WebAPIRateLimitedError) return { kind: 'rate-limited', retryAfterS: e.retryAfter };
  if (e instanceof WebAPIPlatformError) {
    const code = e.data.error;
    if (TRANSIENT_PLATFORM_ERRORS.has(code)) return { kind: 'transient' };
    if (GONE_ERRORS.has(code)) return { kind: 'gone' };
    if (code === 'not_in_channel') return { kind: 'not-in-channel' };
    return { kind: 'permanent', code };
  }
  if (e instanceof WebAPIHTTPError || e instanceof WebAPIRequestError) return { kind: 'transient' };
  // Upload failures and anything unexpected: worth another try, the outbox bounds it in time.
  return { kind: 'transient' };
}

function describe(e: unknown): string {
  if (e instanceof WebAPIPlatformError) return `Slack answered ${e.data.error}`;
  if (e instanceof WebAPIHTTPError) return `HTTP ${e.statusCode}`;
  if (e instanceof WebAPIRequestError) return `request failed (${e.original.message})`;
  if (e instanceof WebAPIRateLimitedError) return `rate limited (retry after ${e.retryAfter} s)`;
  return e instanceof Error ? e.message : String(e);
}

class Rejected extends ResetDoctorError {
  readonly failure: Failure;
  constructor(failure: Failure, cause: unknown) {
    super('SLACK_REJECTED', `Slack refused: ${describe(cause)}`, { cause });
    this.failure = failure;
  }
}

class Exhausted extends Error {}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SlackDelivery {
  /** Runs a plan from its `next` step; throws SlackUnavailable (with progress) or ResetDoctorError SLACK_REJECTED. */
  run(plan: DeliveryPlan): Promise<DeliveryPlan>;
}

export function createSlackDelivery(options: DeliveryOptions): SlackDelivery {
  const { client, log } = options;
  const sleep = options.sleep ?? sleepReal;
  const maxRateWaits = options.maxRateLimitWaits ?? 5;
  const pausedUntil = new Map<string, number>();
  const tails = new Map<string, Promise<unknown>>();

  /** Serializes work per channel: Slack's limits are per channel, and answers keep their order. */
  function inChannel<T>(channel: string, work: () => Promise<T>): Promise<T> {
    const tail = tails.get(channel) ?? Promise.resolve();
    const result = tail.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(channel, settled);
    void settled.then(() => {
      if (tails.get(channel) === settled) tails.delete(channel);
    });
    return result;
  }

  async function attempt<T>(
    jobLog: Logger,
    channel: string,
    method: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    let transient = 0;
    let rateWaits = 0;
    for (;;) {
      const wait = (pausedUntil.get(channel) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      try {
        return await fn();
      } catch (e) {
        options.onError?.(method, e);
        const failure = classify(e);
        if (failure.kind === 'rate-limited') {
          rateWaits++;
          if (rateWaits > maxRateWaits) throw new Exhausted(describe(e), { cause: e });
          const ms = Math.max(1, failure.retryAfterS) * 1000;
          jobLog.warn({ channel, retryAfterS: failure.retryAfterS }, 'Slack rate limit: waiting as asked');
          pausedUntil.set(channel, Date.now() + ms);
          continue;
        }
        if (failure.kind === 'transient') {
          transient++;
          if (transient >= options.attempts) throw new Exhausted(describe(e), { cause: e });
          const ms = options.baseMs * 2 ** (transient - 1);
          jobLog.warn(
            { channel, attempt: transient, backoffMs: ms, error: describe(e) },
            'Slack call failed: retrying',
          );
          await sleep(ms);
          continue;
        }
        throw new Rejected(failure, e);
      }
    }
  }

  const resolveTs = (plan: DeliveryPlan, ts: string | Ref | undefined): string | undefined =>
    typeof ts === 'string' ? ts : ts ? plan.root?.ts : undefined;
  const channelOf = (plan: DeliveryPlan, step: SlackStep): string =>
    ('threadTs' in step && typeof step.threadTs === 'object') || ('ts' in step && typeof step.ts === 'object')
      ? (plan.root?.channel ?? step.channel)
      : step.channel;

  async function post(jobLog: Logger, channel: string, message: WireMessage, threadTs: string | undefined) {
    const send = () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: [...message.blocks],
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
    let res: Awaited<ReturnType<typeof send>>;
    try {
      res = await attempt(jobLog, channel, 'chat.postMessage', send);
    } catch (e) {
      if (!(e instanceof Rejected) || e.failure.kind !== 'not-in-channel') throw e;
      // Public channels can be joined (channels:join); then the post goes through.
      await attempt(jobLog, channel, 'conversations.join', () => client.conversations.join({ channel }));
      res = await attempt(jobLog, channel, 'chat.postMessage', send);
    }
    return { channel: res.channel ?? channel, ts: res.ts ?? '' };
  }

  async function runStep(plan: DeliveryPlan, step: SlackStep): Promise<DeliveryPlan> {
    const channel = channelOf(plan, step);
    const jobLog = log.child({ incidentId: plan.incidentId });
    switch (step.op) {
      case 'post': {
        const threadTs = resolveTs(plan, step.threadTs);
        const posted = await post(jobLog, channel, step.message, threadTs);
        const next = step.root ? { ...plan, root: posted } : plan;
        if (step.remember && options.onPosted) await options.onPosted({ plan: next, step, ...posted });
        return next;
      }
      case 'update': {
        const ts = resolveTs(plan, step.ts);
        if (!ts)
          throw new Rejected(
            { kind: 'permanent', code: 'no_message_to_update' },
            new Error('no root message'),
          );
        let posted: { channel: string; ts: string };
        try {
          const res = await attempt(jobLog, channel, 'chat.update', () =>
            client.chat.update({ channel, ts, text: step.message.text, blocks: [...step.message.blocks] }),
          );
          posted = { channel: res.channel ?? channel, ts: res.ts ?? ts };
        } catch (e) {
          if (!(e instanceof Rejected) || e.failure.kind !== 'gone' || !step.fallbackThreadTs) throw e;
          jobLog.warn({ channel, ts }, 'message to update is gone: posting the answer instead');
          posted = await post(jobLog, channel, step.message, step.fallbackThreadTs);
        }
        const next = step.root ? { ...plan, root: posted } : plan;
        if (step.remember && options.onPosted) await options.onPosted({ plan: next, step, ...posted });
        return next;
      }
      case 'upload': {
        const threadTs = resolveTs(plan, step.threadTs);
        try {
          const file = {
            file: Buffer.from(step.base64, 'base64'),
            filename: step.filename,
            title: step.title,
            alt_text: step.altText,
          };
          await attempt(jobLog, channel, 'files.uploadV2', () =>
            threadTs
              ? client.filesUploadV2({ ...file, channel_id: channel, thread_ts: threadTs })
              : client.filesUploadV2({ ...file, channel_id: channel }),
          );
        } catch (e) {
          // A picture Slack refuses (missing files:write, file too big) must not hold the answer back.
          if (!(e instanceof Rejected)) throw e;
          jobLog.warn({ channel, error: e.message }, 'chart upload refused');
        }
        return plan;
      }
    }
  }

  async function execute(plan: DeliveryPlan): Promise<DeliveryPlan> {
    let current = plan;
    while (current.next < current.steps.length) {
      const step = current.steps[current.next];
      if (!step) break;
      try {
        current = await runStep(current, step);
      } catch (e) {
        if (e instanceof Exhausted) throw new SlackUnavailable(current, e.cause ?? e);
        throw e;
      }
      current = { ...current, next: current.next + 1 };
    }
    return current;
  }

  return {
    run(plan) {
      return inChannel(plan.channel, () => execute(plan));
    },
  };
}
