import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { GroupSnapshot } from '../../app/alert-group.js';
import type {
  Claim,
  DiagnosisStore,
  IncidentRecord,
  Revision,
  Upserted,
  UpsertInput,
} from '../../app/diagnosis-store.js';
import { IncidentSchema } from '../../core/model/incident.js';
import { ResetDoctorError } from '../../errors.js';
import { RedisScript } from './redis-script.js';
import { type StoreKeys, storeKeys } from './store-keys.js';
import {
  DiagnosisSchema,
  GroupSnapshotSchema,
  IncidentHashSchema,
  RevisionSchema,
  StringMapSchema,
  SubjectSchema,
  snapshotJson,
} from './stored-schemas.js';

/**
 * The diagnosis store on Redis. Each incident is a hash (status, revision, the diagnosis as JSON, the
 * delivery reference, what was last shown and when) with a hash of its alert groups' snapshots and a set
 * of the jobs that contributed. Every multi-key change is one Lua script over keys of one hash tag, so
 * concurrent workers on many hosts see each change whole and Redis Cluster accepts the scripts.
 */

/**
 * Finds or creates the incident of an alert group: the group's own link, else (when coalescing) the open
 * incident of its service/peer, else `inc`, which then owns the service/peer for `windowS`.
 */
const CLAIM_LUA = `
local function claim(groupKey, coalesceKey, inc0, windowS, ttl, coalesce)
  local inc = redis.call('GET', groupKey)
  if inc then return inc, 'group' end
  local joined = 'new'
  if coalesce == '1' then
    local owner = redis.call('GET', coalesceKey)
    if owner then
      inc = owner
      joined = 'coalesced'
    else
      redis.call('SET', coalesceKey, inc0, 'EX', windowS)
    end
  end
  if not inc then inc = inc0 end
  redis.call('SET', groupKey, inc, 'EX', ttl)
  return inc, joined
end
`;

/**
 * Creates the incident record if missing, records the job, stores the group's snapshot. K: the incident's
 * hash, groups and jobs, the recent list; A: UPSERT's ARGV. Answers {changed, diagnosed}.
 */
const UPSERT_LUA = `
local function upsert(K, A)
  if redis.call('EXISTS', K[1]) == 0 then
    redis.call('HSET', K[1], 'incidentId', A[1], 'source', A[2], 'createdAt', A[3],
      'status', 'open', 'rev', 0, 'deliveredRev', -1)
    if A[6] ~= '' then redis.call('HSET', K[1], 'reply', A[6]) end
    redis.call('ZADD', K[4], A[3], A[1])
    redis.call('ZREMRANGEBYSCORE', K[4], '-inf', tonumber(A[3]) - tonumber(A[5]) * 1000)
  end
  local changed = 0
  if A[7] ~= '' then
    if redis.call('HGET', K[2], A[7]) ~= A[8] then
      redis.call('HSET', K[2], A[7], A[8])
      changed = 1
    end
    if A[9] == '1' and redis.call('HGET', K[1], 'status') == 'resolved' then
      redis.call('HSET', K[1], 'status', 'open')
      redis.call('HDEL', K[1], 'resolvedAt')
      changed = 1
    end
  end
  redis.call('SADD', K[3], A[4])
  if changed == 1 then redis.call('HINCRBY', K[1], 'rev', 1) end
  for i = 1, 3 do redis.call('EXPIRE', K[i], A[5]) end
  return {changed, redis.call('HEXISTS', K[1], 'diagnosis')}
end
`;

const UPSERT = new RedisScript(`${UPSERT_LUA}
return upsert(KEYS, ARGV)
`);

/**
 * A firing notification's admission in one round trip: nothing when its job was cancelled or its alerts
 * all started before the group last resolved (ARGV[5], their latest start, '' when that cannot be told);
 * else the group's claim and, when the claim is the job's own incident (KEYS[5..8]), the upsert of it
 * (ARGV[6..], UPSERT's arguments). Another incident's upsert is left to the caller: its keys are not
 * declared here.
 */
const ADMIT = new RedisScript(`${CLAIM_LUA}${UPSERT_LUA}
if redis.call('EXISTS', KEYS[1]) == 1 then return {'cancelled'} end
if ARGV[5] ~= '' then
  local resolved = redis.call('GET', KEYS[2])
  if resolved and tonumber(ARGV[5]) <= tonumber(resolved) then return {'stale'} end
end
local inc, joined = claim(KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4])
if inc ~= ARGV[1] then return {'claimed', inc, joined} end
local up = upsert({KEYS[5], KEYS[6], KEYS[7], KEYS[8]}, {unpack(ARGV, 6)})
return {'admitted', inc, joined, up[1], up[2]}
`);

const SAVE_DIAGNOSIS = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if redis.call('HSETNX', KEYS[1], 'diagnosis', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'subject', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'incident', ARGV[3]) end
redis.call('HINCRBY', KEYS[1], 'rev', 1)
return 1
`);

/** Marks what was shown and answers where the record stands then: rev and deliveredRev (RevisionSchema). */
const MARK_DELIVERED = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return nil end
redis.call('HSET', KEYS[1], 'delivery', ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'deliveredRev') or '-1')
if tonumber(ARGV[2]) >= current then
  redis.call('HSET', KEYS[1], 'deliveredRev', ARGV[2], 'shownStatus', ARGV[3], 'shownAt', ARGV[4])
end
return redis.call('HMGET', KEYS[1], 'rev', 'deliveredRev')
`);

const RESOLVE = new RedisScript(`
local prev = tonumber(redis.call('GET', KEYS[4]) or '0')
if tonumber(ARGV[4]) > prev then redis.call('SET', KEYS[4], ARGV[4], 'EX', ARGV[5]) end
if redis.call('GET', KEYS[3]) == ARGV[1] then redis.call('DEL', KEYS[3]) end
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local changed = 0
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  changed = 1
end
local all = true
for _, v in ipairs(redis.call('HVALS', KEYS[2])) do
  if cjson.decode(v).status ~= 'resolved' then
    all = false
    break
  end
end
if all and redis.call('HGET', KEYS[1], 'status') ~= 'resolved' then
  redis.call('HSET', KEYS[1], 'status', 'resolved', 'resolvedAt', ARGV[4])
  changed = 1
end
if all and ARGV[6] == '1' and redis.call('GET', KEYS[5]) == ARGV[1] then redis.call('DEL', KEYS[5]) end
if changed == 1 then redis.call('HINCRBY', KEYS[1], 'rev', 1) end
return changed
`);

const MARK_RESOLVED = new RedisScript(`
local prev = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > prev then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1
`);

/** The whole record at one moment: the incident's hash, its groups' snapshots, how many jobs contributed. */
const READ_LUA = `return {redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3]), redis.call('SCARD', KEYS[4])}`;
/** KEYS[1] is unused: READ and LOCK_AND_READ take the same keys. */
const READ = new RedisScript(READ_LUA);
/** Takes the answer lock and, only when it was taken, reads the record under it (one round trip). */
const LOCK_AND_READ = new RedisScript(`
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return false end
${READ_LUA}
`);

const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/** A lock outlives a delivery (Slack retries, a chart); a dead holder's lock expires after it. */
const ANSWER_LOCK_TTL_MS = 60_000;
/** How long a job waits for the lock before it is retried later. */
const ANSWER_LOCK_WAIT_MS = 15_000;

export interface RedisStoreSettings {
  /** The queue's hash-tagged prefix, e.g. `{reset-doctor}`. */
  readonly prefix: string;
  /** How long incidents, group links and cancellation marks live. */
  readonly ttlS: number;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ResetDoctorError('INTERNAL', `stored ${what} is not JSON`, { cause: e });
  }
}

/** What UPSERT answers: whether the record changed, whether a diagnosis is saved already. */
const UpsertReplySchema = z.tuple([z.number(), z.number()]);
const JoinedSchema = z.enum(['new', 'group', 'coalesced']);
/** What ADMIT answers: the outcome, then the claim, then (admitted) UPSERT's reply. */
const AdmitReplySchema = z.union([
  z.tuple([z.enum(['cancelled', 'stale'])]),
  z.tuple([z.literal('claimed'), z.string(), JoinedSchema]),
  z.tuple([z.literal('admitted'), z.string(), JoinedSchema, z.number(), z.number()]),
]);
/** What READ and LOCK_AND_READ answer: the hash and the groups as flat field/value lists, the job count. */
const RecordReplySchema = z.tuple([z.array(z.string()), z.array(z.string()), z.number()]);

function pairsOf(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i] as string] = flat[i + 1] as string;
  return out;
}

/** The JSON fields of an incident's hash. */
const PARSED_FIELDS = ['diagnosis', 'subject', 'incident', 'delivery', 'reply'] as const;
type ParsedField = (typeof PARSED_FIELDS)[number];

/**
 * The parsed JSON fields of recently written or read records. A diagnosis is written once and read back
 * for the delivery and each update of its answer; parsing and validating it every time was a large share
 * of a job's work. A value is reused only while the stored text is exactly the text it came from, so a
 * field another process changed is parsed again. Values are shared between reads: records are read-only.
 */
class ParsedFields {
  readonly #entries = new Map<string, { readonly text: string; readonly value: unknown }>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  recall(incidentId: string, field: ParsedField, text: string): unknown {
    const entry = this.#entries.get(`${field} ${incidentId}`);
    return entry !== undefined && entry.text === text ? entry.value : undefined;
  }

  remember(incidentId: string, field: ParsedField, text: string, value: unknown): void {
    const key = `${field} ${incidentId}`;
    this.#entries.delete(key);
    this.#entries.set(key, { text, value });
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}

/** Records whose parsed fields are kept: a few more than the jobs a worker runs at once. */
const PARSED_RECORDS = 16;

function invalid(what: string, id: string, detail: string): ResetDoctorError {
  return new ResetDoctorError('INTERNAL', `stored ${what} of ${id} is invalid: ${detail}`);
}

export function createRedisDiagnosisStore(client: Redis, settings: RedisStoreSettings): DiagnosisStore {
  const keys: StoreKeys = storeKeys(settings.prefix);
  const ttl = settings.ttlS;
  const parsed = new ParsedFields(PARSED_RECORDS * PARSED_FIELDS.length);
  /** The keys READ and LOCK_AND_READ take (the first is the lock's). */
  const recordKeys = (incidentId: string): string[] => [
    keys.answerLock(incidentId),
    keys.incident(incidentId),
    keys.incidentGroups(incidentId),
    keys.incidentJobs(incidentId),
  ];

  const revisionOf = (incidentId: string, reply: unknown): Revision | undefined => {
    if (reply === null) return undefined;
    const r = RevisionSchema.safeParse(reply);
    if (!r.success) throw invalid('revision', incidentId, r.error.message);
    const [rev, deliveredRev] = r.data;
    return { rev, deliveredRev };
  };

  const recordOf = (incidentId: string, replied: unknown): IncidentRecord | undefined => {
    const r = RecordReplySchema.safeParse(replied);
    if (!r.success) throw invalid('record', incidentId, r.error.message);
    const [hashFields, groupFields, jobs] = r.data;
    if (hashFields.length === 0) return undefined;
    const h = IncidentHashSchema.safeParse(pairsOf(hashFields));
    if (!h.success) throw invalid('incident', incidentId, h.error.message);
    const snapshots: Record<string, GroupSnapshot> = {};
    for (const [groupId, json] of Object.entries(pairsOf(groupFields))) {
      const s = GroupSnapshotSchema.safeParse(parseJson(json, 'group'));
      if (!s.success) throw invalid('group', incidentId, s.error.message);
      snapshots[groupId] = s.data;
    }
    const parse = <T>(
      field: ParsedField,
      text: string | undefined,
      schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } },
    ): T | undefined => {
      if (text === undefined) return undefined;
      const known = parsed.recall(incidentId, field, text);
      if (known !== undefined) return known as T;
      const v = schema.safeParse(parseJson(text, field));
      if (!v.success) throw invalid(field, incidentId, v.error.message);
      parsed.remember(incidentId, field, text, v.data);
      return v.data;
    };
    const diagnosis = parse('diagnosis', h.data.diagnosis, DiagnosisSchema);
    const subject = parse('subject', h.data.subject, SubjectSchema);
    const incident = parse('incident', h.data.incident, IncidentSchema);
    const delivery = parse('delivery', h.data.delivery, StringMapSchema);
    const reply = parse('reply', h.data.reply, StringMapSchema);
    return {
      incidentId: h.data.incidentId,
      source: h.data.source,
      createdAt: h.data.createdAt,
      status: h.data.status,
      rev: h.data.rev,
      deliveredRev: h.data.deliveredRev,
      groups: snapshots,
      jobs,
      ...(diagnosis === undefined ? {} : { diagnosis }),
      ...(incident === undefined ? {} : { incident }),
      ...(subject === undefined ? {} : { subject }),
      ...(delivery === undefined ? {} : { delivery }),
      ...(reply === undefined ? {} : { reply }),
      ...(h.data.resolvedAt === undefined ? {} : { resolvedAt: h.data.resolvedAt }),
      ...(h.data.shownAt === undefined ? {} : { shownAt: h.data.shownAt }),
      ...(h.data.shownStatus === undefined ? {} : { shownStatus: h.data.shownStatus }),
    };
  };

  const upsertKeys = (incidentId: string): string[] => [
    keys.incident(incidentId),
    keys.incidentGroups(incidentId),
    keys.incidentJobs(incidentId),
    keys.recent,
  ];

  const upsertArgs = (input: UpsertInput): (string | number)[] => [
    input.incidentId,
    input.source,
    input.createdAt,
    input.jobId,
    ttl,
    input.reply === undefined ? '' : JSON.stringify(input.reply),
    input.group?.groupId ?? '',
    input.group ? snapshotJson(input.group.snapshot) : '',
    input.group?.snapshot.status === 'firing' ? '1' : '0',
  ];

  const upsert = async (input: UpsertInput): Promise<Upserted> => {
    const reply = await UPSERT.run(client, upsertKeys(input.incidentId), upsertArgs(input));
    const r = UpsertReplySchema.safeParse(reply);
    if (!r.success) throw new ResetDoctorError('INTERNAL', 'unexpected reply from the upsert script');
    return { changed: r.data[0] === 1, diagnosed: r.data[1] === 1 };
  };

  return {
    async admitGroup(request) {
      const coalesce = request.coalesceKey !== undefined && request.windowS > 0;
      const input = {
        incidentId: request.incidentId,
        source: request.source,
        createdAt: request.createdAt,
        jobId: request.jobId,
        group: { groupId: request.groupId, snapshot: request.snapshot },
      };
      const reply = await ADMIT.run(
        client,
        [
          keys.cancelled(request.jobId),
          keys.groupResolved(request.groupId),
          keys.group(request.groupId),
          keys.coalesce(request.coalesceKey ?? request.groupId),
          ...upsertKeys(request.incidentId),
        ],
        [
          request.incidentId,
          Math.max(1, request.windowS),
          ttl,
          coalesce ? '1' : '0',
          request.latestStart ?? '',
          ...upsertArgs(input),
        ],
      );
      const r = AdmitReplySchema.safeParse(reply);
      if (!r.success) throw new ResetDoctorError('INTERNAL', 'unexpected reply from the admission script');
      const d = r.data;
      if (d.length === 1) return { outcome: d[0] };
      const claim: Claim = { incidentId: d[1], joined: d[2] };
      if (d.length === 5) return { outcome: 'admitted', claim, changed: d[3] === 1, diagnosed: d[4] === 1 };
      // The group belongs to another incident: the job and the group's snapshot are recorded there.
      return { outcome: 'admitted', claim, ...(await upsert({ ...input, incidentId: claim.incidentId })) };
    },

    upsertIncident: upsert,

    async saveDiagnosis(incidentId, diagnosis, subject, incident) {
      const texts = {
        diagnosis: JSON.stringify(diagnosis),
        subject: JSON.stringify(subject),
        incident: incident === undefined ? '' : JSON.stringify(incident),
      };
      const saved = await SAVE_DIAGNOSIS.run(
        client,
        [keys.incident(incidentId)],
        [texts.diagnosis, texts.subject, texts.incident],
      );
      if (saved === -1)
        throw new ResetDoctorError(
          'INTERNAL',
          `incident ${incidentId} vanished before its diagnosis was saved`,
        );
      if (saved === 1) {
        // What was just written is what the answer reads back: it need not be parsed again.
        parsed.remember(incidentId, 'diagnosis', texts.diagnosis, diagnosis);
        parsed.remember(incidentId, 'subject', texts.subject, subject);
        if (incident !== undefined) parsed.remember(incidentId, 'incident', texts.incident, incident);
      }
      return { saved: saved === 1 };
    },

    async markDelivered(incidentId, delivery, shown) {
      const reply = await MARK_DELIVERED.run(
        client,
        [keys.incident(incidentId)],
        [JSON.stringify(delivery), shown.rev, shown.status, shown.at],
      );
      return revisionOf(incidentId, reply);
    },

    async resolveGroup(input) {
      const changed = await RESOLVE.run(
        client,
        [
          keys.incident(input.incidentId),
          keys.incidentGroups(input.incidentId),
          keys.group(input.groupId),
          keys.groupResolved(input.groupId),
          keys.coalesce(input.coalesceKey ?? input.groupId),
        ],
        [
          input.incidentId,
          input.groupId,
          snapshotJson(input.snapshot),
          input.resolvedAt,
          ttl,
          input.coalesceKey === undefined ? '0' : '1',
        ],
      );
      return { changed: changed === 1 };
    },

    async markGroupResolved(groupId, at) {
      await MARK_RESOLVED.run(client, [keys.groupResolved(groupId)], [at, ttl]);
    },

    async incidentOfGroup(groupId) {
      return (await client.get(keys.group(groupId))) ?? undefined;
    },

    async get(incidentId) {
      return recordOf(incidentId, await READ.run(client, recordKeys(incidentId), []));
    },

    async recent(limit) {
      return client.zrevrange(keys.recent, 0, Math.max(0, limit - 1));
    },

    async withAnswerLock(incidentId, work) {
      const key = keys.answerLock(incidentId);
      const token = randomUUID();
      const deadline = Date.now() + ANSWER_LOCK_WAIT_MS;
      let wait = 20;
      const lockKeys = recordKeys(incidentId);
      const take = () => LOCK_AND_READ.run(client, lockKeys, [token, ANSWER_LOCK_TTL_MS]);
      let taken = await take();
      while (taken === null) {
        if (Date.now() > deadline)
          throw new ResetDoctorError(
            'ANSWER_BUSY',
            `another worker is still delivering the answer of ${incidentId}; will retry`,
          );
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 500);
        taken = await take();
      }
      try {
        return await work(recordOf(incidentId, taken));
      } finally {
        await RELEASE.run(client, [key], [token]).catch(() => undefined);
      }
    },

    async cancelJob(jobId) {
      await client.set(keys.cancelled(jobId), '1', 'EX', ttl);
    },

    async isCancelled(jobId) {
      return (await client.exists(keys.cancelled(jobId))) === 1;
    },
  };
}
