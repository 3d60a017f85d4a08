import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  type DeliveryPlan,
  DeliveryPlanSchema,
  type SlackDelivery,
  SlackUnavailable,
} from './slack-delivery.js';

/**
 * Answers Slack could not take, kept in Redis until it can: they survive restarts and are shared by every
 * bot process. A plan is claimed with a lease (its due time moves past the lease), so two processes never
 * send it at once and a process that dies mid-send leaves it to the next claim. Each failed round doubles the
 * plan's wait, up to a ceiling; a plan older than the keep time is given up and logged as lost.
 */

export interface OutboxOptions {
  readonly redis: Redis;
  /** Same hash-tagged prefix as the rest of the Slack state. */
  readonly prefix: string;
  readonly log: Logger;
}

export interface SlackOutbox {
  put(plan: DeliveryPlan, dueAt: number): Promise<void>;
  /** Plans due now, leased for `leaseMs`. */
  claim(now: number, leaseMs: number, limit: number): Promise<DeliveryPlan[]>;
  done(planId: string): Promise<void>;
  size(): Promise<number>;
}

const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
  local plan = redis.call('HGET', KEYS[2], id)
  if plan then
    table.insert(out, plan)
  else
    redis.call('ZREM', KEYS[1], id)
  end
end
return out
`;

export function createSlackOutbox(options: OutboxOptions): SlackOutbox {
  const { redis, prefix, log } = options;
  const due = `${prefix}outbox:due`;
  const plans = `${prefix}outbox:plans`;
  return {
    async put(plan, dueAt) {
      await redis.multi().hset(plans, plan.id, JSON.stringify(plan)).zadd(due, dueAt, plan.id).exec();
    },
    async claim(now, leaseMs, limit) {
      const raw = await redis.eval(CLAIM, 2, due, plans, String(now), String(now + leaseMs), String(limit));
      const out: DeliveryPlan[] = [];
      for (const item of Array.isArray(raw) ? raw : []) {
        if (typeof item !== 'string') continue;
        let json: unknown;
        try {
          json = JSON.parse(item);
        } catch {
          json = undefined;
        }
        const parsed = DeliveryPlanSchema.safeParse(json);
        if (parsed.success) out.push(parsed.data);
        else log.error({ issues: parsed.error.issues.slice(0, 3) }, 'unreadable outbox entry skipped');
      }
      return out;
    },
    async done(planId) {
      await redis.multi().hdel(plans, planId).zrem(due, planId).exec();
    },
    async size() {
      return redis.zcard(due);
    },
  };
}

export interface OutboxDrainerOptions {
  readonly outbox: SlackOutbox;
  readonly delivery: SlackDelivery;
  readonly log: Logger;
  readonly intervalMs: number;
  readonly maxBackoffMs: number;
  readonly keepS: number;
  /** How long a claimed plan is reserved for this process. */
  readonly leaseMs?: number;
  readonly now?: () => number;
}

export interface OutboxDrainer {
  /** Runs one round now (also called by the timer). */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createOutboxDrainer(options: OutboxDrainerOptions): OutboxDrainer {
  const { outbox, delivery, log } = options;
  const now = options.now ?? Date.now;
  // Longer than any delivery round (bounded retries and rate-limit waits), so a plan is never sent twice at once.
  const leaseMs = options.leaseMs ?? Math.max(300_000, options.intervalMs * 4);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function send(plan: DeliveryPlan): Promise<boolean> {
    const planLog = log.child({ incidentId: plan.incidentId });
    if (now() - plan.createdAt > options.keepS * 1000) {
      planLog.error(
        { planId: plan.id, attempts: plan.attempts },
        'answer given up: Slack did not take it in time',
      );
      await outbox.done(plan.id);
      return false;
    }
    try {
      await delivery.run(plan);
      await outbox.done(plan.id);
      planLog.info({ planId: plan.id, attempts: plan.attempts + 1 }, 'answer delivered from the outbox');
      return true;
    } catch (e) {
      if (e instanceof SlackUnavailable) {
        const attempts = plan.attempts + 1;
        const wait = Math.min(options.maxBackoffMs, options.intervalMs * 2 ** Math.min(attempts - 1, 20));
        await outbox.put({ ...e.plan, attempts }, now() + wait);
        planLog.warn({ planId: plan.id, attempts, retryInMs: wait }, 'Slack still unavailable: answer kept');
      } else {
        planLog.error({ err: e, planId: plan.id }, 'Slack refused an answer from the outbox: dropped');
        await outbox.done(plan.id);
      }
      return false;
    }
  }

  async function round(): Promise<number> {
    const claimed = await outbox.claim(now(), leaseMs, 20);
    // Plans of different channels go in parallel; the delivery keeps each channel in order.
    const sent = await Promise.all(claimed.map(send));
    return sent.filter(Boolean).length;
  }

  function drain(): Promise<number> {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      drain()
        .catch((e: unknown) => log.warn({ err: e }, 'outbox round failed'))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  }

  return {
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
