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
  type PlannedQuery,
  planMetricQueries,
  readDiscovery,
  templateValuesOf,
  valuesBeforeDiscovery,
} from '../../core/facts/plan-metric-queries.js';
import { DURATION, durationMs } from '../../core/facts/promql-template.js';
import { type QueryResult, settleMetricStates } from '../../core/facts/settle-metric-states.js';
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
  /** Told about every request that failed (the bot counts them by kind in its own /metrics). */
  readonly onError?: (error: PrometheusCallError) => void;
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
  | { readonly ok: false; readonly error: PrometheusCallError; readonly abandoned?: true };

/** One request to Prometheus, shared by every fetch that asks the same thing while it is cached. */
interface Slot {
  readonly controller: AbortController;
  /** Fetches still waiting for it. */
  waiters: number;
  settled: boolean;
  /** Drops it from the cache, if it is still the cached one. */
  readonly forget: () => void;
}

interface Entry<T> {
  readonly slot: Slot;
  readonly promise: Promise<Outcome<T>>;
}

/** The slots one fetch waits on: released at its end (or deadline) so nobody waits for nothing. */
interface Hold {
  readonly slots: Set<Slot>;
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
  const correlationS = correlationMs / 1000;
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

  async function send<T>(slot: Slot, run: (opts: CallOptions) => Promise<ApiAnswer<T>>): Promise<Outcome<T>> {
    if (slot.waiters === 0 || slot.controller.signal.aborted)
      return { ok: false, abandoned: true, error: new PrometheusCallError('timeout', 'abandoned') };
    if (unreachableError && now() < unreachableUntil) return { ok: false, error: unreachableError };
    stats.requests++;
    try {
      return { ok: true, answer: await run({ signal: slot.controller.signal, timeoutMs: queryTimeoutMs }) };
    } catch (e) {
      stats.failures++;
      const error =
        e instanceof PrometheusCallError
          ? e
          : new PrometheusCallError('invalid', e instanceof Error ? e.message : String(e), { cause: e });
      options.onError?.(error);
      if (error.kind === 'unreachable') {
        // Nothing listens: fail fast for a while instead of knocking once per fact and incident.
        unreachableUntil = now() + errorTtlMs;
        unreachableError = error;
      }
      return { ok: false, error };
    }
  }

  /** Asks Prometheus once for every fetch that wants `key` while the answer is cached (or in flight). */
  function shared<T>(
    cache: LRUCache<string, Entry<T>>,
    key: string,
    hold: Hold,
    run: (opts: CallOptions) => Promise<ApiAnswer<T>>,
  ): Promise<Outcome<T>> {
    let entry = cache.get(key);
    if (entry) {
      if (entry.slot.settled) stats.cacheHits++;
      else stats.joined++;
    } else {
      const slot: Slot = {
        controller: new AbortController(),
        waiters: 0,
        settled: false,
        forget: () => {
          if (cache.peek(key)?.slot === slot) cache.delete(key);
        },
      };
      const promise = limit(() => send(slot, run)).then((outcome) => {
        slot.settled = true;
        if (!outcome.ok && outcome.abandoned) slot.forget();
        else if (cache.peek(key)?.slot === slot)
          // The cache period starts when the answer arrives.
          cache.set(key, { slot, promise }, { ttl: outcome.ok ? cacheTtlMs : errorTtlMs });
        return outcome;
      });
      entry = { slot, promise };
      cache.set(key, entry, { ttl: cacheTtlMs + queryTimeoutMs });
    }
    if (!hold.slots.has(entry.slot)) {
      entry.slot.waiters++;
      hold.slots.add(entry.slot);
    }
    return entry.promise;
  }

  function release(hold: Hold): void {
    for (const slot of hold.slots) {
      slot.waiters--;
      if (!slot.settled && slot.waiters <= 0) {
        slot.controller.abort();
        slot.forget();
      }
    }
    hold.slots.clear();
  }

  async function fetch(request: MetricsRequest): Promise<FetchedMetrics> {
    const log = request.logger ?? options.logger;
    const started = now();
    const warnings: string[] = [];
    let window = request.window ?? defaultWindow;
    if (!DURATION.test(window)) {
      warnings.push(`window "${window.slice(0, 20)}" is not a PromQL duration; used ${defaultWindow}`);
      window = defaultWindow;
    }
    const windowS = (durationMs(window) ?? 0) / 1000;
    const atMs = request.at !== undefined && Number.isFinite(request.at) ? request.at : started;
    // Rounded up, so close incidents share queries and the failure instant stays inside every range.
    const timeS = (Math.ceil(atMs / timeStepMs) * timeStepMs) / 1000;
    const budget = Math.max(1, request.deadlineMs ?? deadlineMs);
    const facts = [...new Set(request.facts)].filter((f) => compiled.facts.has(f));
    if (facts.length === 0) return { values: {}, states: {}, degraded: false, warnings };

    const hold: Hold = { slots: new Set() };
    const results = new Map<string, QueryResult>();
    const prometheusWarnings = new Set<string>();
    const notes: string[] = [];
    let present: ReadonlySet<string> | undefined;
    let discoveryError: string | undefined;
    let found: Discovered | undefined;

    const answered = <T>(outcome: Outcome<T>): outcome is Extract<Outcome<T>, { ok: true }> => {
      if (outcome.ok) for (const w of outcome.answer.warnings) prometheusWarnings.add(w);
      return outcome.ok;
    };
    const instant = (promql: string) =>
      shared(seriesCache, `i|${timeS}|${promql}`, hold, (o) => api.instant(promql, timeS, o));
    const range = (promql: string, startS: number, stepS: number) =>
      shared(seriesCache, `r|${startS}|${timeS}|${stepS}|${promql}`, hold, (o) =>
        api.range(promql, startS, timeS, stepS, o),
      );

    async function run(q: PlannedQuery): Promise<void> {
      const t0 = now();
      if (q.kind === 'instant') {
        const outcome = await instant(q.promql);
        if (!answered(outcome)) results.set(q.fact, { state: 'error', error: outcome.error.message });
        else {
          const finite = outcome.answer.data
            .flatMap((s) => s.samples.map(([, v]) => v))
            .filter(Number.isFinite);
          // Catalogue queries aggregate to one series; should one not, its highest reading counts.
          results.set(
            q.fact,
            finite.length > 0 ? { state: 'value', value: Math.max(...finite) } : { state: 'no-data' },
          );
        }
      } else {
        const stepS = Math.max(MIN_STEP_S, Math.ceil(correlationS / CORRELATION_POINTS));
        const startS = timeS - Math.floor(correlationS / stepS) * stepS;
        const [e, t] = await Promise.all([range(q.errors, startS, stepS), range(q.traffic, startS, stepS)]);
        if (!answered(e)) results.set(q.fact, { state: 'error', error: e.error.message });
        else if (!answered(t)) results.set(q.fact, { state: 'error', error: t.error.message });
        else {
          const r = correlateSeries(
            e.answer.data.map((s) => s.samples),
            t.answer.data.map((s) => s.samples),
          );
          results.set(
            q.fact,
            r.ok ? { state: 'value', value: r.value } : { state: 'no-data', note: r.reason },
          );
        }
      }
      log?.debug({ fact: q.fact, ms: now() - t0, state: results.get(q.fact)?.state }, 'metric fact fetched');
    }

    // Which metrics exist at all near the failure: tells "not scraped" from "no data".
    const presenceNames = [...new Set(facts.flatMap((f) => compiled.facts.get(f)?.presence ?? []))].sort();
    async function checkPresence(): Promise<void> {
      if (presenceNames.length === 0) return;
      const startS = timeS - windowS;
      const match = `{__name__=~"${presenceNames.join('|')}"}`;
      const outcome = await shared(namesCache, `n|${startS}|${timeS}|${match}`, hold, (o) =>
        api.labelValues('__name__', [match], startS, timeS, o),
      );
      if (answered(outcome)) present = new Set(outcome.answer.data);
      else notes.push(`could not tell unscraped metrics from empty ones: ${outcome.error.message}`);
    }

    const first = planMetricQueries(compiled, facts, valuesBeforeDiscovery(request.subject, window));
    let blocked = first.blocked;
    const discovery = discoveryQuery(first, templateValuesOf(request.subject, window), compiled.labels);
    const waiting = new Set(discovery ? blocked.map((b) => b.fact) : []);
    async function discoverThenRun(): Promise<void> {
      if (!discovery) return;
      const outcome = await instant(discovery);
      if (answered(outcome)) {
        found = readDiscovery(
          outcome.answer.data.map((s) => s.labels),
          compiled.labels,
        );
        if (!request.subject.namespace && found.namespaces.length > 1)
          notes.push(
            `pods of ${request.subject.service ?? request.subject.pod} run in several namespaces (${found.namespaces.slice(0, 5).join(', ')}): name the namespace`,
          );
      } else discoveryError = outcome.error.message;
      // Without discovery the facts still get what the incident itself names (an alert's instance).
      const second = planMetricQueries(
        compiled,
        blocked.map((b) => b.fact),
        templateValuesOf(request.subject, window, found),
      );
      blocked = second.blocked;
      waiting.clear();
      await Promise.all(second.planned.map(run));
    }

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budget);
    });
    const all = Promise.all([checkPresence(), discoverThenRun(), ...first.planned.map(run)]).then(
      () => undefined,
      (e: unknown) => {
        // Not expected (every query settles to an outcome); never let it take the diagnosis down.
        log?.warn({ err: e }, 'metrics fetch failed');
        notes.push(`metrics fetch failed: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    await Promise.race([all, deadline]);
    clearTimeout(timer);
    release(hold);

    const settled = settleMetricStates({
      facts,
      presenceOf: (f) => compiled.facts.get(f)?.presence ?? [],
      results: new Map(results),
      blocked: new Map(blocked.map((b) => [b.fact, b.missing])),
      waiting: new Set(waiting),
      ...(discoveryError === undefined ? {} : { discoveryError }),
      ...(present === undefined ? {} : { present }),
      deadlineMs: budget,
    });
    if (settled.degraded)
      log?.warn(
        {
          prometheus: api.baseUrl,
          failed: facts.filter((f) => settled.states[f] === 'error').length,
          ms: now() - started,
        },
        'metrics degraded',
      );
    // Where the pods turned out to run, when it is one place: next-step commands can name it.
    const discovered: { namespace?: string; pod?: string; node?: string } = {};
    const [namespace, ...otherNamespaces] = found?.namespaces ?? [];
    const [pod, ...otherPods] = found?.pods ?? [];
    const [node, ...otherNodes] = found?.nodes ?? [];
    if (!request.subject.namespace && namespace !== undefined && otherNamespaces.length === 0)
      discovered.namespace = namespace;
    if (!request.subject.pod && pod !== undefined && otherPods.length === 0) discovered.pod = pod;
    if (!request.subject.node && node !== undefined && otherNodes.length === 0) discovered.node = node;
    return {
      ...settled,
      ...(Object.keys(discovered).length > 0 ? { discovered } : {}),
      warnings: [
        ...warnings,
        ...settled.warnings,
        ...notes,
        ...[...prometheusWarnings].slice(0, 5).map((w) => `Prometheus: ${w}`),
      ],
    };
  }

  return {
    url: api.baseUrl,
    fetch,
    stats: () => ({ ...stats }),
  };
}
