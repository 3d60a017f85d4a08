import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AnswerArchive, ArchivedAnswer } from '../../app/answer-archive.js';
import { DiagnosisRequestSchema } from '../../app/diagnosis-requests.js';
import { DiagnosisSchema } from '../../app/diagnosis-schema.js';
import type { EventDedupe } from '../../app/event-dedupe.js';
import type { FeedbackStore, FeedbackVote } from '../../app/feedback-store.js';
import { sha256Hex } from '../../core/model/canonical-json.js';
import { CAUSES, type Cause } from '../../core/model/causes.js';
import type { CauseFeedback } from '../../core/render/render-slack-blocks.js';
import type { RuleVotes } from '../../core/render/render-slack-rules.js';
import { ResetDoctorError } from '../../errors.js';

/**
 * The Slack side's state in Redis: delivered event ids (dedupe), feedback votes and per-rule counts, answers
 * kept for "why not" and redraws, and the thread of each alert group. Every key starts with one
 * hash-tagged prefix, so a Redis Cluster keeps them in one slot.
 */

export interface AlertThread {
  readonly channel: string;
  readonly ts: string;
  readonly incidentId: string;
  readonly status: 'firing' | 'resolved';
  readonly cause?: string;
  readonly confidence?: number;
}

const AlertThreadSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  incidentId: z.string(),
  status: z.enum(['firing', 'resolved']),
  cause: z.string().exactOptional(),
  confidence: z.number().exactOptional(),
});

export interface AlertThreads {
  get(groupKey: string): Promise<AlertThread | undefined>;
  set(groupKey: string, thread: AlertThread): Promise<void>;
}

const ArchivedSchema = z.object({
  request: DiagnosisRequestSchema,
  diagnosis: DiagnosisSchema,
  message: z.object({ channel: z.string(), ts: z.string() }).exactOptional(),
});

/** The Slack state's prefix under the bot's hash-tagged prefix (`{reset-doctor}` → `{reset-doctor}:slack:`). */
export function slackPrefixOf(botPrefix: string): string {
  return `${botPrefix}:slack:`;
}

export interface RedisSlackStateOptions {
  readonly redis: Redis;
  /** e.g. `{reset-doctor}:slack:`; tests use a unique one. */
  readonly prefix: string;
  readonly dedupeTtlS: number;
  readonly archiveTtlS: number;
}

export type RedisSlackState = EventDedupe &
  FeedbackStore &
  AnswerArchive & { readonly alertThreads: AlertThreads };

// One vote per person per incident and cause; rule counters move by the difference (atomic).
const RECORD_VOTE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old == ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
for i = 4, #ARGV do
  if old then redis.call('HINCRBY', KEYS[2], ARGV[i] .. '|' .. old, -1) end
  redis.call('HINCRBY', KEYS[2], ARGV[i] .. '|' .. ARGV[2], 1)
end
return 1
`;

function hashKey(s: string): string {
  return sha256Hex(s).slice(0, 32);
}

async function guard<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw new ResetDoctorError(
      'REDIS_UNAVAILABLE',
      `Redis failed while ${what}: ${e instanceof Error ? e.message : String(e)}`,
      {
        cause: e,
      },
    );
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function createRedisSlackState(options: RedisSlackStateOptions): RedisSlackState {
  const { redis, prefix } = options;
  const k = (...parts: string[]) => `${prefix}${parts.join(':')}`;
  const rulesKey = k('fb', 'rules');

  async function readArchived(key: string): Promise<ArchivedAnswer | undefined> {
    const raw = await guard('reading an answer', () => redis.get(key));
    if (raw === null) return undefined;
    const parsed = ArchivedSchema.safeParse(parseJson(raw));
    return parsed.success ? parsed.data : undefined;
  }

  return {
    async claim(id) {
      const set = await guard('deduplicating an event', () =>
        redis.set(k('event', hashKey(id)), '1', 'EX', options.dedupeTtlS, 'NX'),
      );
      return set === 'OK';
    },

    async record(vote: FeedbackVote) {
      await guard('recording feedback', () =>
        redis.eval(
          RECORD_VOTE,
          2,
          k('fb', 'vote', vote.incidentId, vote.cause),
          rulesKey,
          vote.user,
          vote.verdict,
          String(options.archiveTtlS),
          ...vote.rules,
        ),
      );
    },

    async forIncident(incidentId) {
      const pipeline = redis.pipeline();
      for (const cause of CAUSES) pipeline.hgetall(k('fb', 'vote', incidentId, cause));
      const results = await guard('reading feedback', () => pipeline.exec());
      const out: Partial<Record<Cause, CauseFeedback>> = {};
      CAUSES.forEach((cause, i) => {
        const entry = results?.[i];
        const votes = z.record(z.string(), z.string()).safeParse(entry?.[1]);
        if (!votes.success) return;
        const users = Object.entries(votes.data).sort(([a], [b]) => a.localeCompare(b));
        const confirmedBy = users.filter(([, v]) => v === 'confirmed').map(([u]) => u);
        const rejectedBy = users.filter(([, v]) => v === 'rejected').map(([u]) => u);
        if (confirmedBy.length + rejectedBy.length > 0) out[cause] = { confirmedBy, rejectedBy };
      });
      return out;
    },

    async ruleVotes() {
      const all = await guard('reading rule votes', () => redis.hgetall(rulesKey));
      const out = new Map<string, { confirmed: number; rejected: number }>();
      for (const [field, value] of Object.entries(all)) {
        const [rule, verdict] = field.split('|');
        if (!rule || (verdict !== 'confirmed' && verdict !== 'rejected')) continue;
        const entry = out.get(rule) ?? { confirmed: 0, rejected: 0 };
        entry[verdict] = Math.max(0, Number.parseInt(value, 10) || 0);
        out.set(rule, entry);
      }
      return out as ReadonlyMap<string, RuleVotes>;
    },

    async save(answer) {
      await guard('keeping an answer', () =>
        redis.set(k('answer', answer.request.incidentId), JSON.stringify(answer), 'EX', options.archiveTtlS),
      );
    },

    byIncident(incidentId) {
      return readArchived(k('answer', incidentId));
    },

    async linkThread(channel, threadTs, incidentId) {
      await guard('linking a thread', () =>
        redis.set(k('thread', channel, threadTs), incidentId, 'EX', options.archiveTtlS),
      );
    },

    async byThread(channel, threadTs) {
      const id = await guard('reading a thread', () => redis.get(k('thread', channel, threadTs)));
      return id === null ? undefined : readArchived(k('answer', id));
    },

    alertThreads: {
      async get(groupKey) {
        const raw = await guard('reading an alert thread', () => redis.get(k('alert', hashKey(groupKey))));
        if (raw === null) return undefined;
        const parsed = AlertThreadSchema.safeParse(parseJson(raw));
        return parsed.success ? parsed.data : undefined;
      },
      async set(groupKey, thread) {
        await guard('keeping an alert thread', () =>
          redis.set(k('alert', hashKey(groupKey)), JSON.stringify(thread), 'EX', options.archiveTtlS),
        );
      },
    },
  };
}
