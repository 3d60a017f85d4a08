import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { correlateSeries } from '../../core/facts/correlate.js';
import type { FetchedMetrics } from '../../core/facts/gather-facts.js';
import type { MetricCatalogue } from '../../core/facts/metric-catalogue.js';
import {
  compileMetricQueries,
  type Discovered,
  discoveryQuery,
  type MetricQueryPlan,
  type PlannedQuery,
  planMetricQueries,
  readDiscovery,
  templateValuesOf,
} from '../../core/facts/plan-metric-queries.js';
import { DURATION, durationMs } from '../../core/facts/promql-template.js';
import type { FactState } from '../../core/model/facts.js';
import { ResetDoctorError } from '../../errors.js';
import type { MetricsRequest, MetricsSource } from './metrics-source.js';
import {
  type ApiAnswer,
  type CallOptions,
  createPrometheusApi,
  PrometheusCallError,
  type Series,
} from './prometheus-api.js';

/**
 * Metric facts from Prometheus, for one incident at a time and many at once: only the facts asked for,
 * in parallel under a concurrency cap, each query with its own timeout and the whole fetch with a
 * deadline, answers shared through a short cache (an alert storm asks each distinct query once per cache
 * period). It never rejects: a fact it could not get is marked `error`, `not-scraped`, `no-data` or
 * `not-fetched`, and the result is `degraded` when Prometheus failed.
 */

export interface PrometheusMetricsSourceOptions {
  /** Prometheus base URL. */
  readonly url: string;
  readonly catalogue: MetricCatalogue;
  /** Default range for increase()/rate() before the failure. */
  readonly window?: string;
  /** Range the error/traffic correlation looks back over. */
  readonly correlationRange?: string;
  /** Queries in flight at once, over all incidents. */
  readonly concurrency?: number;
  /** Timeout of one query (also sent to Prometheus as `timeout`). */
  readonly queryTimeoutMs?: number;
  /** Time one fetch may take before it answers with what it has. */
  readonly deadlineMs?: number;
  /** How long an answer is reused. */
  readonly cacheTtlMs?: number;
  /** How long a failure is reused (and how long an unreachable Prometheus is not asked again). */
  readonly errorTtlMs?: number;
  /** Evaluation times are rounded up to this step so close incidents share queries. */
  readonly timeStepMs?: number;
  /** Most answers kept. */
  readonly cacheMax?: number;
  /** Extra request headers (authorization for a Prometheus behind a proxy). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof globalThis.fetch;
  /** Clock (epoch ms) for "now" and the cache. */
  readonly now?: () => number;
  readonly logger?: Pick<Logger, 'debug' | 'warn'>;
}

export interface MetricsSourceStats {
  /** HTTP requests sent to Prometheus. */
  readonly requests: number;
  /** Queries answered from the cache. */
  readonly cacheHits: number;
  /** Queries that joined one already in flight. */
  readonly joined: number;
  /** Requests that failed. */
  readonly failures: number;
}

export interface PrometheusMetricsSource extends MetricsSource {
  readonly url: string;
  stats(): MetricsSourceStats;
}

export const SOURCE_DEFAULTS = {
  window: '15m',
  correlationRange: '24h',
  concurrency: 8,
  queryTimeoutMs: 4000,
  deadlineMs: 10_000,
  cacheTtlMs: 60_000,
  errorTtlMs: 5000,
  timeStepMs: 60_000,
  cacheMax: 5000,
} as const;

/** Points a correlation range query asks for (the step follows from the range). */
const CORRELATION_POINTS = 240;
const MIN_STEP_S = 15;

type Outcome<T> =
  | { readonly ok: true; readonly answer: ApiAnswer<T> }
  | { readonly ok: false; readonly error: PrometheusCallError };

interface Entry<T> {
  readonly key: string;
  readonly controller: AbortController;
  promise: Promise<Outcome<T>>;
  waiters: number;
  settled: boolean;
}

const ABANDONED = 'abandoned: no incident waits for this answer any more';

/** One fetch's hold on shared entries: released at its deadline so nobody waits for nothing. */
interface Hold {
  readonly entries: Set<Entry<unknown>>;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new ResetDoctorError('CONFIG_INVALID', `Prometheus source: ${name} must be a positive number`);
  return value;
}

export function createPrometheusMetricsSource(
  options: PrometheusMetricsSourceOptions,
): PrometheusMetricsSource {
  const api = createPrometheusApi({
    url: options.url,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const compiled = compileMetricQueries(options.catalogue);
  const now = options.now ?? Date.now;
  const defaultWindow = options.window ?? SOURCE_DEFAULTS.window;
  if (durationMs(defaultWindow) === undefined)
    throw new ResetDoctorError(
      'CONFIG_INVALID',
      `Prometheus source: window "${defaultWindow}" is not a duration`,
    );
  const correlationRange = options.correlationRange ?? SOURCE_DEFAULTS.correlationRange;
  const correlationMs = durationMs(correlationRange);
  if (correlationMs === undefined)
    throw new ResetDoctorError(
      'CONFIG_INVALID',
      `Prometheus source: correlation range "${correlationRange}" is not a duration`,
    );
  const queryTimeoutMs = positive('queryTimeoutMs', options.queryTimeoutMs ?? SOURCE_DEFAULTS.queryTimeoutMs);
  const deadlineMs = positive('deadlineMs', options.deadlineMs ?? SOURCE_DEFAULTS.deadlineMs);
  const cacheTtlMs = positive('cacheTtlMs', options.cacheTtlMs ?? SOURCE_DEFAULTS.cacheTtlMs);
  const errorTtlMs = positive('errorTtlMs', options.errorTtlMs ?? SOURCE_DEFAULTS.errorTtlMs);
  const timeStepMs = positive('timeStepMs', options.timeStepMs ?? SOURCE_DEFAULTS.timeStepMs);
  const limit = pLimit(positive('concurrency', options.concurrency ?? SOURCE_DEFAULTS.concurrency));
  const perf = { now };
  const cacheMax = positive('cacheMax', options.cacheMax ?? SOURCE_DEFAULTS.cacheMax);
  // ttlResolution 0: staleness is judged by the injected clock at every look-up, never by a debounced reading.
  const seriesCache = new LRUCache<string, Entry<readonly Series[]>>({
    max: cacheMax,
    perf,
    ttlResolution: 0,
  });
  const namesCache = new LRUCache<string, Entry<readonly string[]>>({
    max: cacheMax,
    perf,
    ttlResolution: 0,
  });
  const stats = { requests: 0, cacheHits: 0, joined: 0, failures: 0 };
  let unreachableUntil = 0;
  let unreachableError: PrometheusCallError | undefined;
  const log = options.logger;

  function shared<T>(
    cache: LRUCache<string, Entry<T>>,
    key: string,
    hold: Hold,
    run: (opts: CallOptions) => Promise<ApiAnswer<T>>,
  ): Promise<Outcome<T>> {
    let entry = cache.get(key);
    if (entry) {
      if (entry.settled) stats.cacheHits++;
      else stats.joined++;
    } else {
      const controller = new AbortController();
      const created: Entry<T> = {
        key,
        controller,
        waiters: 0,
        settled: false,
        promise: Promise.resolve({ ok: false, error: new PrometheusCallError('timeout', ABANDONED) }),
      };
      created.promise = limit(async (): Promise<Outcome<T>> => {
        if (created.waiters === 0 || controller.signal.aborted)
          return { ok: false, error: new PrometheusCallError('timeout', ABANDONED) };
        if (unreachableError && now() < unreachableUntil) return { ok: false, error: unreachableError };
        stats.requests++;
        try {
          return { ok: true, answer: await run({ signal: controller.signal, timeoutMs: queryTimeoutMs }) };
        } catch (e) {
          stats.failures++;
          const error =
            e instanceof PrometheusCallError
              ? e
              : new PrometheusCallError('invalid', e instanceof Error ? e.message : String(e), { cause: e });
          if (error.kind === 'unreachable') {
            unreachableUntil = now() + errorTtlMs;
            unreachableError = error;
          }
          return { ok: false, error };
        }
      }).then((outcome) => {
        created.settled = true;
        const current = cache.peek(key) === created;
        if (!outcome.ok && outcome.error.message.endsWith(ABANDONED)) {
          if (current) cache.delete(key);
        } else if (current) {
          // The cache period starts when the answer arrives.
          cache.set(key, created, { ttl: outcome.ok ? cacheTtlMs : errorTtlMs });
        }
        return outcome;
      });
      cache.set(key, created, { ttl: cacheTtlMs + queryTimeoutMs });
      entry = created;
    }
    entry.waiters++;
    hold.entries.add(entry as Entry<unknown>);
    return entry.promise;
  }

  function release(hold: Hold): void {
    for (const entry of hold.entries) {
      entry.waiters--;
      if (!entry.settled && entry.waiters <= 0) {
        entry.controller.abort();
        if (seriesCache.peek(entry.key) === entry) seriesCache.delete(entry.key);
        if (namesCache.peek(entry.key) === entry) namesCache.delete(entry.key);
      }
    }
    hold.entries.clear();
  }

  async function fetch(request: MetricsRequest): Promise<FetchedMetrics> {
    const started = now();
    const warnings: string[] = [];
    let window = request.window ?? defaultWindow;
    if (!DURATION.test(window)) {
      warnings.push(`window "${window.slice(0, 20)}" is not a PromQL duration; used ${defaultWindow}`);
      window = defaultWindow;
    }
    const windowS = (durationMs(window) ?? 0) / 1000;
    const atMs = request.at !== undefined && Number.isFinite(request.at) ? request.at : started;
    const timeS = (Math.ceil(atMs / timeStepMs) * timeStepMs) / 1000;
    const budget = Math.max(1, request.deadlineMs ?? deadlineMs);

    const facts = [...new Set(request.facts)];
    const states: Record<string, FactState> = {};
    const values: Record<string, number> = {};
    if (facts.length === 0) return { values, states, degraded: false, warnings };

    const hold: Hold = { entries: new Set() };
    const results = new Map<string, { state: FactState; value?: number; note?: string }>();
    const errors = new Map<string, PrometheusCallError>();
    const prometheusWarnings = new Set<string>();
    const notes: string[] = [];
    let presence: ReadonlySet<string> | undefined;
    let discoveryFailed: PrometheusCallError | undefined;

    const instant = (promql: string) =>
      shared(seriesCache, `i|${timeS}|${promql}`, hold, (o) => api.instant(promql, timeS, o));
    const range = (promql: string, startS: number, stepS: number) =>
      shared(seriesCache, `r|${startS}|${timeS}|${stepS}|${promql}`, hold, (o) =>
        api.range(promql, startS, timeS, stepS, o),
      );
    const keep = <T>(outcome: Outcome<T>): outcome is Extract<Outcome<T>, { ok: true }> => {
      if (outcome.ok) for (const w of outcome.answer.warnings) prometheusWarnings.add(w);
      return outcome.ok;
    };

    async function runQuery(q: PlannedQuery): Promise<void> {
      const t0 = now();
      try {
        if (q.kind === 'instant') {
          const outcome = await instant(q.promql);
          if (!keep(outcome)) {
            errors.set(q.fact, outcome.error);
            results.set(q.fact, { state: 'error' });
            return;
          }
          const finite = outcome.answer.data
            .flatMap((s) => s.samples.map(([, v]) => v))
            .filter((v) => Number.isFinite(v));
          results.set(
            q.fact,
            finite.length > 0 ? { state: 'value', value: Math.max(...finite) } : { state: 'no-data' },
          );
        } else {
          const stepS = Math.max(MIN_STEP_S, Math.ceil((correlationMs ?? 0) / 1000 / CORRELATION_POINTS));
          const startS = timeS - Math.floor((correlationMs ?? 0) / 1000 / stepS) * stepS;
          const [e, t] = await Promise.all([range(q.errors, startS, stepS), range(q.traffic, startS, stepS)]);
          if (!keep(e) || !keep(t)) {
            errors.set(
              q.fact,
              e.ok ? (t.ok ? new PrometheusCallError('invalid', 'unknown') : t.error) : e.error,
            );
            results.set(q.fact, { state: 'error' });
            return;
          }
          const r = correlateSeries(
            e.answer.data.map((s) => s.samples),
            t.answer.data.map((s) => s.samples),
          );
          results.set(
            q.fact,
            r.ok ? { state: 'value', value: r.value } : { state: 'no-data', note: `${q.fact}: ${r.reason}` },
          );
        }
      } finally {
        log?.debug(
          { fact: q.fact, ms: now() - t0, state: results.get(q.fact)?.state },
          'metric fact fetched',
        );
      }
    }

    // Metric names that exist at all near the failure: tells "not scraped" from "no data".
    const presenceNames = [
      ...new Set(facts.flatMap((f) => [...(compiled.facts.get(f)?.presence ?? [])])),
    ].sort();
    const presenceTask = async () => {
      if (presenceNames.length === 0) return;
      const startS = timeS - windowS;
      const match = `{__name__=~"${presenceNames.join('|')}"}`;
      const outcome = await shared(namesCache, `n|${startS}|${timeS}|${match}`, hold, (o) =>
        api.labelValues('__name__', [match], startS, timeS, o),
      );
      if (keep(outcome)) presence = new Set(outcome.answer.data);
      else notes.push(`could not tell unscraped metrics from empty ones: ${outcome.error.message}`);
    };

    const values0 = templateValuesOf(request.subject, window);
    const plan0 = planMetricQueries(compiled, facts, values0);
    let blocked: MetricQueryPlan['blocked'] = plan0.blocked;
    const discover = discoveryQuery(plan0, values0, compiled.labels);
    const waitingForDiscovery = new Set(discover ? blocked.map((b) => b.fact) : []);
    const discoveryTask = async () => {
      if (!discover) return;
      const outcome = await instant(discover);
      let found: Discovered | undefined;
      if (keep(outcome)) {
        found = readDiscovery(
          outcome.answer.data.map((s) => s.labels),
          compiled.labels,
        );
        if (!request.subject.namespace && found.namespaces.length > 1)
          notes.push(
            `pods matching the service run in several namespaces (${found.namespaces.slice(0, 5).join(', ')}): name the namespace`,
          );
      } else discoveryFailed = outcome.error;
      const plan1 = found
        ? planMetricQueries(
            compiled,
            blocked.map((b) => b.fact),
            templateValuesOf(request.subject, window, found),
          )
        : undefined;
      if (plan1) blocked = plan1.blocked;
      waitingForDiscovery.clear();
      await Promise.all((plan1?.planned ?? []).map(runQuery));
    };

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), budget);
    });
    const all = Promise.all([presenceTask(), discoveryTask(), ...plan0.planned.map(runQuery)]).catch(
      (e: unknown) => {
        // Not expected (every query settles to an outcome); never let it take the diagnosis down.
        log?.warn({ err: e }, 'metrics fetch failed');
        notes.push(`metrics fetch failed: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    await Promise.race([all, deadline]);
    clearTimeout(timer);
    release(hold);

    // Compose the answer from what arrived in time.
    const late: string[] = [];
    const notFetched = new Map<string, string[]>();
    for (const b of blocked) notFetched.set(b.fact, [...b.missing]);
    for (const fact of facts) {
      const compiledFact = compiled.facts.get(fact);
      if (!compiledFact) continue;
      const r = results.get(fact);
      if (r === undefined) {
        if (waitingForDiscovery.has(fact) || !notFetched.has(fact)) {
          // Still waiting for discovery or for its answer when the deadline came.
          states[fact] = 'error';
          late.push(fact);
        } else if (discoveryFailed) {
          states[fact] = 'error';
          errors.set(fact, discoveryFailed);
        } else states[fact] = 'not-fetched';
        continue;
      }
      if (r.note) notes.push(r.note);
      const unscraped =
        r.state !== 'error' && presence !== undefined && compiledFact.presence.some((m) => !presence?.has(m));
      if (unscraped) {
        states[fact] = 'not-scraped';
        continue;
      }
      states[fact] = r.state;
      if (r.state === 'value' && r.value !== undefined) values[fact] = r.value;
    }

    // Say what is missing and why, once per reason.
    const byError = new Map<string, string[]>();
    for (const [fact, error] of errors) {
      if (states[fact] !== 'error') continue;
      const list = byError.get(error.message) ?? [];
      list.push(fact);
      byError.set(error.message, list);
    }
    const names = (list: readonly string[]) =>
      list.length > 6 ? `${list.slice(0, 6).join(', ')} and ${list.length - 6} more` : list.join(', ');
    for (const [message, list] of byError)
      warnings.push(`metrics degraded: ${message}; ${list.length} fact(s) not fetched: ${names(list)}`);
    if (late.length > 0)
      warnings.push(
        `metrics degraded: Prometheus did not answer within the ${budget} ms deadline; ${late.length} fact(s) not fetched: ${names(late)}`,
      );
    const missingReasons = new Map<string, string[]>();
    for (const fact of facts) {
      if (states[fact] !== 'not-fetched') continue;
      const why = (notFetched.get(fact) ?? []).join(' and ') || 'entity';
      missingReasons.set(why, [...(missingReasons.get(why) ?? []), fact]);
    }
    for (const [why, list] of missingReasons)
      warnings.push(
        `the incident does not name the ${why}: ${list.length} metric fact(s) not fetched: ${names(list)}`,
      );
    const unscraped = facts.filter((f) => states[f] === 'not-scraped');
    if (unscraped.length > 0)
      warnings.push(`not scraped by this Prometheus (see how to enable them below): ${names(unscraped)}`);
    warnings.push(...notes);
    for (const w of [...prometheusWarnings].slice(0, 5)) warnings.push(`Prometheus: ${w}`);

    const degraded = Object.values(states).includes('error');
    if (degraded)
      log?.warn(
        { url: api.baseUrl, errors: facts.filter((f) => states[f] === 'error').length, ms: now() - started },
        'metrics degraded',
      );
    return { values, states, degraded, warnings };
  }

  return {
    url: api.baseUrl,
    fetch,
    stats: () => ({ ...stats }),
  };
}
