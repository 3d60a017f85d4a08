import type { WhyNot, WhyNotRule } from '../explain/build-why-not.js';
import { inert } from './render-text.js';

/**
 * "Why not X?" as terminal text (the CLI's `diagnose --explain`, a Slack thread reply in a code block). Every
 * value that came from a log or a person passes through `inert`; colour only when asked.
 */

export interface WhyNotTextOptions {
  readonly color: boolean;
  /** Longest value shown for a fact before it is cut. */
  readonly maxValueChars?: number;
}

const CODES = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;

const STATUS_TEXT: Readonly<Record<WhyNotRule['status'], string>> = {
  counted: 'fired, counted',
  'fired-not-counted': 'fired, not counted (a stronger rule of its group counted)',
  failed: 'did not fire',
  disabled: 'switched off',
};

function signed(w: number): string {
  return w > 0 ? `+${w}` : `−${Math.abs(w)}`;
}

function order(r: WhyNotRule): number {
  const fired = r.status === 'counted' || r.status === 'fired-not-counted';
  if (r.weight > 0) return fired ? 0 : r.status === 'failed' ? 1 : 2;
  return fired ? 3 : 4;
}

function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function renderWhyNotText(w: WhyNot, options: WhyNotTextOptions): string {
  const paint = (style: keyof typeof CODES, s: string) =>
    options.color ? `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : s;
  const max = options.maxValueChars ?? 120;
  const out: string[] = [];
  out.push(`${paint('bold', `why not ${w.cause}?`)} ${inert(w.summary)}`);
  out.push(
    paint(
      'dim',
      `score ${w.score.toFixed(2)} (prior ${w.prior}) · incident ${inert(w.incidentId)} · rules ${w.rulesVersion}${w.overrides.length > 0 ? ` · overrides: ${w.overrides.map(inert).join(', ')}` : ''}`,
    ),
  );
  const rules = [...w.rules].sort((a, b) => order(a) - order(b) || Math.abs(b.weight) - Math.abs(a.weight));
  if (rules.length === 0) out.push('', `no rule names ${w.cause}.`);
  for (const r of rules) {
    const fired = r.status === 'counted' || r.status === 'fired-not-counted';
    const mark =
      r.status === 'disabled'
        ? paint('yellow', '⊘')
        : fired
          ? paint(r.weight > 0 ? 'green' : 'red', '✓')
          : paint('dim', '✗');
    const failing = r.conditions.filter((c) => c.passed === false);
    const onlyAbsent = failing.length > 0 && failing.every((c) => c.actualText === 'absent');
    const head = `${mark} ${paint('bold', r.id)} ${signed(r.weight)}${r.weight < 0 ? ' (against)' : ''}  ${STATUS_TEXT[r.status]}${r.disabledBy ? ` by override ${inert(r.disabledBy)}` : ''}`;
    // Evidence against that did not fire, and rules that only lack data, fit on one line.
    if (r.status === 'failed' && r.weight < 0) {
      out.push(`${head}`);
      continue;
    }
    out.push('');
    if (r.status === 'failed' && onlyAbsent) {
      out.push(`${head}: needs ${[...new Set(failing.map((c) => c.fact))].join(', ')}`);
      out.push(paint('dim', `    ${r.file} ${r.path}`));
    } else {
      out.push(head);
      out.push(paint('dim', `    ${r.file} ${r.path}`));
      if (fired) out.push(`    ${inert(cut(r.evidence, 300))}`);
      for (const c of r.conditions) {
        const negated = /\.not(?:\.|$)/.test(c.path);
        const cmark =
          c.passed === undefined ? paint('dim', '·') : c.passed ? paint('green', '✓') : paint('red', '✗');
        const actual = c.actualText === 'absent' ? paint('yellow', 'absent') : cut(inert(c.actualText), max);
        out.push(
          `    ${cmark} ${c.fact} ${c.operator} ${cut(inert(c.expectedText), max)}${negated ? ' (under not)' : ''}${c.shared === undefined ? '' : paint('dim', ` [${c.shared}]`)} ${paint('dim', '— saw')} ${actual}`,
        );
      }
    }
    for (const a of r.absent) {
      if (a.how) out.push(paint('yellow', `    ? ${a.fact}: ${inert(cut(a.how, 200))}`));
    }
  }
  return `${out.join('\n')}\n`;
}
