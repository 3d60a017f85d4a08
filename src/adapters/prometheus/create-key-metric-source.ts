import type { KeyMetricSeries, KeyMetricSource, MetricSeries } from '../../app/key-metric-source.js';
import type { DiagnosisCore } from '../../core/diagnose.js';
import { keyMetricFact } from '../../core/facts/key-metric-fact.js';
import {
  compileMetricQueries,
  planMetricQueries,
  templateValuesOf,
} from '../../core/facts/plan-metric-queries.js';
import { DURATION } from '../../core/facts/promql-template.js';
import { ResetDoctorError } from '../../errors.js';
import { createPrometheusApi, PrometheusCallError } from './prometheus-api.js';

/**
 * The chart of an answer: the key metric of the top hypothesis (`keyMetricFact`: a catalogue fact its
 * rules read and that has a reading) drawn from Prometheus around the failure, as a range query of the
 * same expression the diagnosis read, for the same subject (with the namespace, pod and node the worker
 * discovered). No chart (undefined) when there is no such metric or Prometheus has no series for it.
 */

export interface KeyMetricSourceOptions {
  readonly url: string;
  /** The core serving now (its rules say which metric is key, its catalogue how to query it). */
  readonly core: () => DiagnosisCore;
  /** Range of increase()/rate() in the expression (as for the diagnosis). */
  readonly window?: string;
  /** How far before the failure the chart starts (default 1 h). */
  readonly beforeMs?: number;
  /** How far after the failure it goes, until now at most (default 15 min). */
  readonly afterMs?: number;
  /** Points per series, about (default 120). */
  readonly points?: number;
  readonly queryTimeoutMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
  /** Told about every failed request (the bot counts Prometheus errors by kind). */
  readonly onError?: (error: PrometheusCallError) => void;
}

const MAX_SERIES = 8;
const MIN_STEP_S = 15;

function legendOf(labels: Readonly<Record<string, string>>, fallback: string): string {
  const named = ['pod', 'instance', 'node', 'service', 'container', 'namespace']
    .map((k) => labels[k])
    .filter((v): v is string => v !== undefined);
  return named.slice(0, 2).join(' ') || fallback;
}

export function createKeyMetricSource(options: KeyMetricSourceOptions): KeyMetricSource {
  const api = createPrometheusApi({
    url: options.url,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const window = options.window ?? '15m';
  if (!DURATION.test(window))
    throw new ResetDoctorError('CONFIG_INVALID', `key metric source: window "${window}" is not a duration`);
  const now = options.now ?? Date.now;
  const beforeMs = options.beforeMs ?? 60 * 60_000;
  const afterMs = options.afterMs ?? 15 * 60_000;
  const points = options.points ?? 120;
  const timeoutMs = options.queryTimeoutMs ?? 4000;
  const compiledOf = new WeakMap<object, ReturnType<typeof compileMetricQueries>>();

  return {
    async seriesFor(request, diagnosis): Promise<KeyMetricSeries | undefined> {
      const top = diagnosis.hypotheses[0];
      if (!top) return undefined;
      const core = options.core();
      const fact = keyMetricFact(top, core.ruleSet, core.catalogue, diagnosis.facts);
      if (!fact) return undefined;
      let compiled = compiledOf.get(core.catalogue);
      if (!compiled) {
        compiled = compileMetricQueries(core.catalogue);
        compiledOf.set(core.catalogue, compiled);
      }
      const gathered = core.gather(request.incident);
      const subject = gathered.subject;
      const at = gathered.at ?? Date.parse(request.receivedAt);
      if (!Number.isFinite(at)) return undefined;
      const query = planMetricQueries(compiled, [fact.name], templateValuesOf(subject, window)).planned[0];
      if (query?.kind !== 'instant') return undefined;
      const endMs = Math.max(at, Math.min(at + afterMs, now()));
      const startMs = at - beforeMs;
      const stepS = Math.max(MIN_STEP_S, Math.ceil((endMs - startMs) / 1000 / points));
      let answer: Awaited<ReturnType<typeof api.range>>;
      try {
        answer = await api.range(query.promql, Math.floor(startMs / 1000), Math.ceil(endMs / 1000), stepS, {
          signal: AbortSignal.timeout(timeoutMs + 1000),
          timeoutMs,
        });
      } catch (e) {
        if (e instanceof PrometheusCallError) options.onError?.(e);
        throw e;
      }
      const who = subject.service ?? subject.pod ?? subject.node ?? subject.instance ?? 'the subject';
      const series: MetricSeries[] = answer.data.slice(0, MAX_SERIES).map((s) => ({
        label: legendOf(s.labels, who),
        points: s.samples.filter(([, v]) => Number.isFinite(v)).map(([t, v]) => ({ t: t * 1000, v })),
      }));
      if (series.every((s) => s.points.length === 0)) return undefined;
      return {
        title: `${fact.name} around the failure (${who})`,
        metric: fact.name,
        unit: fact.unit,
        series,
        failureAt: at,
        ...(fact.threshold === undefined
          ? {}
          : { threshold: { value: fact.threshold, label: `${fact.name} threshold` } }),
      };
    },
  };
}
