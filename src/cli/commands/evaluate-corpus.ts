import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { DiagnosisCore } from '../../core/diagnose.js';
import { CAUSES } from '../../core/model/causes.js';
import { IncidentSchema } from '../../core/model/incident.js';
import { ResetDoctorError } from '../../errors.js';

const CorpusCase = z
  .object({
    id: z.string(),
    input: IncidentSchema,
    label: z.object({ primary: z.enum(CAUSES), secondary: z.enum(CAUSES).nullish() }).passthrough(),
  })
  .passthrough();

export interface CaseResult {
  readonly id: string;
  readonly primary: string;
  readonly secondary?: string | null;
  readonly ranked: readonly { cause: string; confidence: number }[];
  readonly top1: boolean;
  readonly top3: boolean;
}

export interface EvalReport {
  readonly cases: readonly CaseResult[];
  readonly top1: number;
  readonly top3: number;
  readonly confusions: readonly { label: string; predicted: string; count: number }[];
  /** Calibration: per confidence band, how often the top answer was right and the confidence it stated (mean). */
  readonly calibration: readonly { band: string; answers: number; right: number; stated: number }[];
  /**
   * Expected calibration error: over the answers, the gap between the confidence a band states and how
   * often its answers were right, weighted by the band's answers (0 is perfectly calibrated).
   */
  readonly calibrationError: number;
}

export async function evaluateCorpus(core: DiagnosisCore, file: string): Promise<EvalReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ResetDoctorError('BAD_INPUT', `cannot read corpus ${file}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const cases: CaseResult[] = [];
  const confusion = new Map<string, number>();
  const bands = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
  const cal = bands.slice(0, -1).map((lo, i) => ({
    band: `${Math.round(lo * 100)}-${Math.round((bands[i + 1] ?? 1) * 100)} %`,
    answers: 0,
    right: 0,
    stated: 0,
  }));
  // Sum of the confidences stated per band; each band's `stated` is their mean.
  const statedSum = cal.map(() => 0);
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (!line.trim()) continue;
    const parsed = CorpusCase.safeParse(JSON.parse(line));
    if (!parsed.success)
      throw new ResetDoctorError(
        'BAD_INPUT',
        `${file}:${lineNo}: not a corpus case: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const c = parsed.data;
    const d = await core.diagnose(c.input);
    const ranked = d.hypotheses.map((h) => ({ cause: h.cause, confidence: h.confidence }));
    const ok = new Set([c.label.primary, c.label.secondary].filter(Boolean));
    const top1 = ranked[0] !== undefined && ok.has(ranked[0].cause as never);
    const top3 = ranked.slice(0, 3).some((r) => ok.has(r.cause as never));
    cases.push({
      id: c.id,
      primary: c.label.primary,
      secondary: c.label.secondary ?? null,
      ranked,
      top1,
      top3,
    });
    if (!top1) {
      const key = `${c.label.primary}\u0000${ranked[0]?.cause ?? '(none)'}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    const conf = ranked[0]?.confidence;
    if (conf !== undefined) {
      const i = cal.findIndex((_, k) => conf >= (bands[k] ?? 0) && conf < (bands[k + 1] ?? 2));
      const b = cal[i];
      if (b) {
        b.answers++;
        statedSum[i] = (statedSum[i] ?? 0) + conf;
        if (top1) b.right++;
      }
    }
  }
  const n = Math.max(1, cases.length);
  const answered = cal.reduce((a, b) => a + b.answers, 0);
  const calibrationError =
    answered === 0 ? 0 : cal.reduce((a, b, i) => a + Math.abs(b.right - (statedSum[i] ?? 0)), 0) / answered;
  cal.forEach((b, i) => {
    b.stated = b.answers === 0 ? 0 : Math.round(((statedSum[i] ?? 0) / b.answers) * 1000) / 1000;
  });
  return {
    cases,
    top1: cases.filter((c) => c.top1).length / n,
    top3: cases.filter((c) => c.top3).length / n,
    confusions: [...confusion.entries()]
      .map(([k, count]) => {
        const [label, predicted] = k.split('\u0000');
        return { label: label ?? '', predicted: predicted ?? '', count };
      })
      .sort((a, b) => b.count - a.count),
    calibration: cal,
    calibrationError: Math.round(calibrationError * 1000) / 1000,
  };
}

export function formatEvalReport(r: EvalReport): string {
  const out: string[] = [];
  for (const c of r.cases) {
    const mark = c.top1 ? '✓' : c.top3 ? '~' : '✗';
    const ranked = c.ranked
      .slice(0, 3)
      .map((x) => `${x.cause} ${Math.round(x.confidence * 100)}%`)
      .join(', ');
    out.push(
      `${mark} ${c.id.padEnd(8)} ${`${c.primary}${c.secondary ? `/${c.secondary}` : ''}`.padEnd(44)} ${ranked || '(no hypothesis)'}`,
    );
  }
  out.push('');
  out.push(
    `cases ${r.cases.length}   top-1 ${(r.top1 * 100).toFixed(1)} %   top-3 ${(r.top3 * 100).toFixed(1)} %`,
  );
  if (r.confusions.length > 0) {
    out.push('');
    out.push('confusions (label → top answer):');
    for (const c of r.confusions) out.push(`  ${c.label} → ${c.predicted}: ${c.count}`);
  }
  out.push('');
  out.push('calibration (top answer confidence → right):');
  for (const b of r.calibration)
    if (b.answers > 0)
      out.push(
        `  ${b.band.padEnd(10)} ${`${b.right}/${b.answers}`.padEnd(9)} right ${Math.round((b.right / b.answers) * 100)} %, stated ${Math.round(b.stated * 100)} %`,
      );
  out.push(
    `  calibration error ${(r.calibrationError * 100).toFixed(1)} points (stated confidence against how often it was right)`,
  );
  return `${out.join('\n')}\n`;
}
