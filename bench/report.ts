import { z } from 'zod';

/**
 * The results file (bench/results.json) and the table printed from it. Every figure sits next to the
 * baseline measured in the same run; targets say where the design must get to and whether it is there.
 */

export const SECTIONS = ['queue-floor', 'pipeline', 'core', 'scan', 'storm', 'memory'] as const;
export type Section = (typeof SECTIONS)[number];

export const RowSchema = z.object({
  section: z.enum(SECTIONS),
  measure: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  /** The baseline measured in the same run, when the figure has one. */
  baseline: z.object({ label: z.string().min(1), value: z.number(), unit: z.string() }).optional(),
  /** value / baseline for rates, as the table prints it (e.g. 0.31 = 31 % of the floor, 24 = 24x). */
  ratio: z.number().optional(),
  target: z.object({ text: z.string().min(1), met: z.boolean() }).optional(),
  note: z.string().optional(),
});
export type Row = z.infer<typeof RowSchema>;

export const ResultsSchema = z.object({
  version: z.literal(1),
  quick: z.boolean(),
  startedAt: z.string(),
  durationS: z.number(),
  machine: z.object({
    cpus: z.number().int().positive(),
    cpuModel: z.string(),
    node: z.string(),
    redis: z.string(),
    /** 1-minute load average when the run started and when it ended: how noisy the machine was. */
    loadAverage: z.object({ start: z.number(), end: z.number() }),
  }),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  rows: z.array(RowSchema),
  /** Raw figures of each section, for a closer look. */
  details: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type Results = z.infer<typeof ResultsSchema>;

/** 12345.6 → "12,346"; 12.345 → "12.3"; 0.01234 → "0.0123". */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  if (abs >= 1) return n.toFixed(2);
  return n === 0 ? '0' : n.toPrecision(3);
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return String(ratio);
  return ratio < 1 ? `${formatNumber(ratio * 100)} %` : `${formatNumber(ratio)}x`;
}

const withUnit = (value: number, unit: string) =>
  unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);

/** The table printed at the end of a run: one line per figure, its same-run baseline, ratio and target. */
export function formatTable(results: Results): string {
  const header = ['section', 'measure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const lines = results.rows.map((r) => [
    r.section,
    r.measure,
    withUnit(r.value, r.unit),
    r.baseline ? `${withUnit(r.baseline.value, r.baseline.unit)} ${r.baseline.label}` : '',
    r.ratio === undefined ? '' : formatRatio(r.ratio),
    r.target?.text ?? '',
    r.target === undefined ? '' : r.target.met ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 2 || i === 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const missed = results.rows.filter((r) => r.target && !r.target.met).length;
  const targets = results.rows.filter((r) => r.target).length;
  const m = results.machine;
  return [
    `reset-doctor bench (${results.quick ? 'quick' : 'full'}), ${results.startedAt}, ${formatNumber(results.durationS)} s`,
    `${m.cpus} x ${m.cpuModel}, node ${m.node}, redis ${m.redis}, load ${formatNumber(m.loadAverage.start)} -> ${formatNumber(m.loadAverage.end)}`,
    '',
    render(header),
    rule,
    ...lines.map(render),
    '',
    `targets met: ${targets - missed} of ${targets}`,
    ...results.rows.filter((r) => r.note).map((r) => `  ${r.section} / ${r.measure}: ${r.note}`),
  ].join('\n');
}
