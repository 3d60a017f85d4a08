import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createPrometheusMetricsSource } from '../../adapters/prometheus/create-prometheus-metrics-source.js';
import type { DiagnosisCore } from '../../core/diagnose.js';
import type { FetchedMetrics } from '../../core/facts/gather-facts.js';
import { metricFactsForRules } from '../../core/facts/plan-metric-queries.js';
import { DURATION } from '../../core/facts/promql-template.js';
import type { Diagnosis } from '../../core/model/diagnosis.js';
import {
  BatchLineSchema,
  type Incident,
  IncidentSchema,
  unwrapBatchLine,
} from '../../core/model/incident.js';
import { renderMarkdown } from '../../core/render/render-markdown.js';
import { renderText } from '../../core/render/render-text.js';
import { errorMessage, ResetDoctorError } from '../../errors.js';
import { looksBinary, readJson, readLog, readText } from '../read-input.js';

export type Format = 'text' | 'json' | 'markdown';

export interface DiagnoseFlags {
  log?: string;
  context?: string;
  alert?: string;
  metrics?: string;
  incident?: string;
  batch?: string;
  format: Format;
  service?: string;
  peer?: string;
  namespace?: string;
  pod?: string;
  port?: string;
  node?: string;
  at?: string;
  prometheus?: string;
  window?: string;
}

export function render(d: Diagnosis, format: Format, color: boolean): string {
  if (format === 'json') return `${JSON.stringify(d)}\n`;
  if (format === 'markdown') return renderMarkdown(d);
  return renderText(d, { color });
}

function validateIncident(raw: unknown, what: string): Incident {
  const parsed = IncidentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResetDoctorError(
      'BAD_INPUT',
      `${what}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid incident'}`,
    );
  }
  return parsed.data;
}

export async function buildIncident(
  flags: DiagnoseFlags,
): Promise<{ incident: Incident; warnings: string[] }> {
  const warnings: string[] = [];
  const stdinUsers = [flags.log, flags.incident, flags.alert, flags.metrics].filter((s) => s === '-').length;
  if (stdinUsers > 1)
    throw new ResetDoctorError(
      'BAD_USAGE',
      'only one of --log, --incident, --alert, --metrics can read stdin (-)',
    );
  let base: Record<string, unknown> = {};
  if (flags.incident) {
    const raw = await readJson(flags.incident, 'incident');
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
      throw new ResetDoctorError('BAD_INPUT', 'the incident must be a JSON object');
    base = { ...(raw as Record<string, unknown>) };
  }
  if (flags.log) {
    const read = await readLog(flags.log);
    if (read.truncatedFrom !== undefined) {
      warnings.push(
        `log truncated: ${(read.truncatedFrom / 1048576).toFixed(1)} MiB given, the last ${(read.text.length / 1048576).toFixed(1)} MiB were read`,
      );
    }
    if (looksBinary(read.text))
      throw new ResetDoctorError(
        'BAD_INPUT',
        `the log ${flags.log === '-' ? '(stdin)' : flags.log} looks like binary data, not text`,
      );
    base.log = read.text;
  }
  if (flags.context !== undefined) base.context = flags.context;
  if (flags.alert) base.alert = await readJson(flags.alert, 'alert');
  if (flags.metrics) base.metrics = await readJson(flags.metrics, 'metrics');
  for (const k of ['service', 'peer', 'namespace', 'pod', 'port', 'node'] as const) {
    if (flags[k] !== undefined) base[k] = flags[k];
  }
  if (flags.at !== undefined) {
    if (Number.isNaN(Date.parse(flags.at)))
      throw new ResetDoctorError('BAD_USAGE', `--at ${JSON.stringify(flags.at)} is not an ISO 8601 time`);
    base.at = flags.at;
  }
  if (typeof base.log === 'string' && looksBinary(base.log))
    throw new ResetDoctorError('BAD_INPUT', 'the log looks like binary data, not text');
  return { incident: validateIncident(base, 'nothing to diagnose'), warnings };
}

export type MetricsFetcher = (incident: Incident) => Promise<FetchedMetrics>;

/** With --prometheus: fetches the metric facts the rules read for an incident, by the source's deadline. */
export function metricsFetcher(core: DiagnosisCore, flags: DiagnoseFlags): MetricsFetcher | undefined {
  if (flags.window !== undefined && !DURATION.test(flags.window))
    throw new ResetDoctorError(
      'BAD_USAGE',
      `--window ${JSON.stringify(flags.window)} is not a duration such as 15m`,
    );
  if (!flags.prometheus) {
    if (flags.window !== undefined) throw new ResetDoctorError('BAD_USAGE', '--window needs --prometheus');
    return undefined;
  }
  const source = createPrometheusMetricsSource({
    url: flags.prometheus,
    catalogue: core.catalogue,
    ...(flags.window === undefined ? {} : { window: flags.window }),
  });
  const facts = metricFactsForRules(core.ruleSet, core.catalogue);
  return (incident) => {
    const { subject, at } = core.gather(incident);
    return source.fetch({ subject, facts, ...(at === undefined ? {} : { at }) });
  };
}

/** One diagnosis per input line, in order; a line that cannot be diagnosed yields {"error": ...}. */
export async function runBatch(
  core: DiagnosisCore,
  file: string,
  write: (s: string) => Promise<void>,
  fetchMetrics?: MetricsFetcher,
): Promise<{ lines: number; errors: number }> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  if (file !== '-') {
    await new Promise<void>((resolve, reject) => {
      (input as ReturnType<typeof createReadStream>)
        .once('open', () => resolve())
        .once('error', (e) =>
          reject(
            new ResetDoctorError('BAD_INPUT', `cannot read batch file ${file}: ${e.message}`, { cause: e }),
          ),
        );
    });
  }
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lines = 0;
  let errors = 0;
  for await (const line of rl) {
    if (line.trim() === '') continue;
    lines++;
    let out: string;
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(line) as unknown;
      } catch (e) {
        throw new ResetDoctorError('BAD_INPUT', `line ${lines}: invalid JSON: ${errorMessage(e)}`);
      }
      const parsed = BatchLineSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ResetDoctorError(
          'BAD_INPUT',
          `line ${lines}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid incident'}`,
        );
      }
      const incident = unwrapBatchLine(parsed.data);
      const fetched = fetchMetrics ? await fetchMetrics(incident) : undefined;
      const d = await core.diagnose(incident, fetched ? { fetched } : {});
      out = JSON.stringify(d);
    } catch (e) {
      errors++;
      out = JSON.stringify({ error: errorMessage(e) });
    }
    await write(`${out}\n`);
  }
  return { lines, errors };
}

export async function readContextFile(path: string): Promise<string> {
  return readText(path, 'context', 1024 * 1024);
}
