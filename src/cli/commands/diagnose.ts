import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DiagnosisCore } from '../../core/diagnose.js';
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
  for (const k of ['service', 'peer', 'namespace', 'pod', 'port'] as const) {
    if (flags[k] !== undefined) base[k] = flags[k];
  }
  if (typeof base.log === 'string' && looksBinary(base.log))
    throw new ResetDoctorError('BAD_INPUT', 'the log looks like binary data, not text');
  return { incident: validateIncident(base, 'nothing to diagnose'), warnings };
}

/** One diagnosis per input line, in order; a line that cannot be diagnosed yields {"error": ...}. */
export async function runBatch(
  core: DiagnosisCore,
  file: string,
  write: (s: string) => Promise<void>,
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
      const d = await core.diagnose(unwrapBatchLine(parsed.data));
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
