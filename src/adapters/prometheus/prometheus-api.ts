import { z } from 'zod';
import { ResetDoctorError } from '../../errors.js';

/**
 * The few Prometheus HTTP API calls the metrics source makes, with the response envelope validated
 * (`status`, `data`, `errorType`, `error`, `warnings`, `infos`) and every failure turned into a
 * ResetDoctorError that says whether Prometheus could not be reached or refused the query.
 */

const Sample = z.tuple([z.number(), z.string()]);
const Labels = z.record(z.string(), z.string());

const QueryData = z.discriminatedUnion('resultType', [
  z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({ metric: Labels, value: Sample.optional() }).passthrough()),
  }),
  z.object({
    resultType: z.literal('matrix'),
    result: z.array(z.object({ metric: Labels, values: z.array(Sample).optional() }).passthrough()),
  }),
  z.object({ resultType: z.literal('scalar'), result: Sample }),
  z.object({ resultType: z.literal('string'), result: Sample }),
]);

const Envelope = z
  .object({
    status: z.enum(['success', 'error']),
    data: z.unknown().optional(),
    errorType: z.string().max(200).optional(),
    error: z.string().optional(),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  })
  .passthrough();

export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: readonly (readonly [number, number])[];
}

export interface ApiAnswer<T> {
  readonly data: T;
  /** Prometheus' warnings and infos about the query. */
  readonly warnings: readonly string[];
}

/**
 * How a call failed: `unreachable` means nothing (or not Prometheus) answered, `timeout` that the answer
 * came too late (or Prometheus gave up), `rejected` that Prometheus refused the query, `invalid` that the
 * answer was not what the API promises.
 */
export type FailureKind = 'unreachable' | 'timeout' | 'rejected' | 'invalid';

export class PrometheusCallError extends ResetDoctorError {
  readonly kind: FailureKind;
  constructor(kind: FailureKind, message: string, options?: { cause?: unknown }) {
    super(
      kind === 'unreachable' || kind === 'timeout' ? 'PROMETHEUS_UNAVAILABLE' : 'PROMETHEUS_QUERY_FAILED',
      message,
      options,
    );
    this.kind = kind;
  }
}

export interface CallOptions {
  readonly signal: AbortSignal;
  /** Also sent as Prometheus' own `timeout` so the server gives up too. */
  readonly timeoutMs: number;
}

export interface PrometheusApi {
  readonly baseUrl: string;
  /** An instant query at `timeS`; every series with its one sample. */
  instant(promql: string, timeS: number, options: CallOptions): Promise<ApiAnswer<readonly Series[]>>;
  /** A range query; every series with its samples. */
  range(
    promql: string,
    startS: number,
    endS: number,
    stepS: number,
    options: CallOptions,
  ): Promise<ApiAnswer<readonly Series[]>>;
  /** Values of a label among series matching `match`, between two times. */
  labelValues(
    label: string,
    match: readonly string[],
    startS: number,
    endS: number,
    options: CallOptions,
  ): Promise<ApiAnswer<readonly string[]>>;
}

export interface PrometheusApiOptions {
  /** Base URL (`http://prometheus:9090`, or with a path prefix such as `/prometheus`). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof globalThis.fetch;
}

function toNumber(s: string): number {
  // Prometheus writes NaN, +Inf and -Inf as strings; Number() reads "+Inf" as NaN.
  if (s === '+Inf' || s === 'Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(s);
}

// Plain seconds: Prometheus reads a float ("1.5") or a Go-style duration ("2s"), not "1.5s".
const secs = (ms: number) => String(Math.max(0.001, ms / 1000));

function describeCause(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return e.message;
}

export function createPrometheusApi(options: PrometheusApiOptions): PrometheusApi {
  let base: URL;
  try {
    base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  } catch (e) {
    throw new ResetDoctorError('CONFIG_INVALID', `invalid Prometheus URL "${options.url}"`, { cause: e });
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new ResetDoctorError(
      'CONFIG_INVALID',
      `invalid Prometheus URL "${options.url}": use http or https`,
    );
  const doFetch = options.fetch ?? globalThis.fetch;
  const shown = `${base.origin}${base.pathname}`;

  async function call(
    path: string,
    method: 'GET' | 'POST',
    params: URLSearchParams,
    opts: CallOptions,
  ): Promise<ApiAnswer<unknown>> {
    const url = new URL(path, base);
    const init: RequestInit = {
      method,
      signal: AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]),
      headers: {
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...options.headers,
      },
    };
    if (method === 'POST') init.body = params.toString();
    else url.search = params.toString();
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, init);
      text = await res.text();
    } catch (e) {
      if (opts.signal.aborted)
        throw new PrometheusCallError('timeout', `Prometheus at ${shown}: abandoned`, { cause: e });
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))
        throw new PrometheusCallError(
          'timeout',
          `Prometheus at ${shown} did not answer within ${opts.timeoutMs} ms`,
          { cause: e },
        );
      throw new PrometheusCallError(
        'unreachable',
        `Prometheus at ${shown} is unreachable: ${describeCause(e)}`,
        {
          cause: e,
        },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      throw new PrometheusCallError(
        res.status >= 500 || res.status === 404 ? 'unreachable' : 'invalid',
        `${shown} answered HTTP ${res.status} without a Prometheus API response`,
      );
    }
    const env = Envelope.safeParse(json);
    if (!env.success)
      throw new PrometheusCallError(
        res.status >= 500 ? 'unreachable' : 'invalid',
        `${shown} answered HTTP ${res.status} with an invalid API envelope: ${env.error.issues[0]?.message ?? 'invalid'}`,
      );
    const warnings = [...(env.data.warnings ?? []), ...(env.data.infos ?? [])];
    if (env.data.status === 'error') {
      const type = env.data.errorType ?? 'unknown';
      const message = `Prometheus refused the query (${type}): ${(env.data.error ?? 'no error text').slice(0, 300)}`;
      throw new PrometheusCallError(
        type === 'timeout' || type === 'canceled' || type === 'unavailable' ? 'timeout' : 'rejected',
        message,
      );
    }
    if (!res.ok)
      throw new PrometheusCallError('invalid', `${shown} answered HTTP ${res.status} with status "success"`);
    if (env.data.data === undefined)
      throw new PrometheusCallError('invalid', `${shown} answered "success" without data`);
    return { data: env.data.data, warnings };
  }

  function series(data: unknown): readonly Series[] {
    const parsed = QueryData.safeParse(data);
    if (!parsed.success)
      throw new PrometheusCallError(
        'invalid',
        `unexpected query result from ${shown}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    const d = parsed.data;
    switch (d.resultType) {
      case 'vector':
        return d.result.map((r) => ({
          labels: r.metric,
          samples: r.value ? [[r.value[0], toNumber(r.value[1])] as const] : [],
        }));
      case 'matrix':
        return d.result.map((r) => ({
          labels: r.metric,
          samples: (r.values ?? []).map(([t, v]) => [t, toNumber(v)] as const),
        }));
      case 'scalar':
        return [{ labels: {}, samples: [[d.result[0], toNumber(d.result[1])]] }];
      case 'string':
        throw new PrometheusCallError('invalid', 'the query returned a string, not a number');
    }
  }

  return {
    baseUrl: shown,
    async instant(promql, timeS, opts) {
      const params = new URLSearchParams({
        query: promql,
        time: String(timeS),
        timeout: secs(opts.timeoutMs),
      });
      const answer = await call('api/v1/query', 'POST', params, opts);
      return { data: series(answer.data), warnings: answer.warnings };
    },
    async range(promql, startS, endS, stepS, opts) {
      const params = new URLSearchParams({
        query: promql,
        start: String(startS),
        end: String(endS),
        step: String(stepS),
        timeout: secs(opts.timeoutMs),
      });
      const answer = await call('api/v1/query_range', 'POST', params, opts);
      return { data: series(answer.data), warnings: answer.warnings };
    },
    async labelValues(label, match, startS, endS, opts) {
      const params = new URLSearchParams({ start: String(startS), end: String(endS) });
      for (const m of match) params.append('match[]', m);
      const answer = await call(`api/v1/label/${encodeURIComponent(label)}/values`, 'GET', params, opts);
      const values = z.array(z.string()).safeParse(answer.data);
      if (!values.success) throw new PrometheusCallError('invalid', `unexpected label values from ${shown}`);
      return { data: values.data, warnings: answer.warnings };
    },
  };
}
