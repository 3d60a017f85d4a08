import type { Diagnosis } from '../model/diagnosis.js';

/** Terminal text, readable at a glance; ANSI colour only when asked (the CLI asks on a TTY). */

export interface TextOptions {
  readonly color: boolean;
  /** Hypotheses shown in full; the rest are listed in one line. */
  readonly top?: number;
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;
type Style = keyof typeof CODES;

function styler(color: boolean) {
  return (style: Style, s: string) =>
    color ? `\u001b[${CODES[style][0]}m${s}\u001b[${CODES[style][1]}m` : s;
}

/** Strips terminal control sequences from text that came from logs or users. */
export function inert(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

export function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}

export function renderText(d: Diagnosis, options: TextOptions): string {
  const c = styler(options.color);
  const top = options.top ?? 3;
  const out: string[] = [];
  const first = d.hypotheses[0];
  out.push(
    first
      ? `${c('bold', 'reset-doctor')} ${c('dim', d.incidentId)}: most likely ${c('bold', first.cause)} (${percent(first.confidence)})`
      : `${c('bold', 'reset-doctor')} ${c('dim', d.incidentId)}: no cause stands out — the input does not show a mechanism`,
  );
  if (d.resetBy) out.push(`  reset by: ${inert(d.resetBy)}`);
  if (d.degraded)
    out.push(
      c('yellow', '  degraded: metrics could not be fetched; the answer rests on logs, words and alerts'),
    );
  d.hypotheses.slice(0, top).forEach((h, i) => {
    out.push('');
    out.push(
      `${c('bold', `${i + 1}. ${h.cause}`)}${h.variant ? c('dim', ` (${h.variant})`) : ''}  ${c('cyan', percent(h.confidence))}`,
    );
    out.push(`   ${inert(h.title)}`);
    for (const e of h.evidence) {
      const mark = e.for ? c('green', '+') : c('red', '−');
      out.push(`   ${mark} ${inert(e.text)} ${c('dim', `[${e.source}]`)}`);
      if (e.quote) out.push(c('dim', `       ${inert(e.quote)}`));
    }
    if (h.missing.length > 0) {
      out.push(c('yellow', '   missing:'));
      for (const m of h.missing) out.push(c('yellow', `     ? ${inert(m)}`));
    }
    if (h.nextSteps.length > 0) {
      out.push('   next steps:');
      for (const s of h.nextSteps) {
        out.push(`     # ${inert(s.why)}`);
        out.push(`     ${inert(s.command)}`);
      }
    }
  });
  const rest = d.hypotheses.slice(top);
  if (rest.length > 0) {
    out.push('');
    out.push(`also possible: ${rest.map((h) => `${h.cause} ${percent(h.confidence)}`).join(', ')}`);
  }
  if (d.ruledOut.length > 0) {
    out.push('');
    out.push(c('dim', `ruled out: ${d.ruledOut.map((r) => `${r.cause} (${inert(r.why)})`).join('; ')}`));
  }
  for (const w of d.warnings) out.push(c('yellow', `warning: ${inert(w)}`));
  out.push(
    c(
      'dim',
      `rules ${d.rulesVersion}${d.overrides?.length ? ` (overrides: ${d.overrides.map(inert).join(', ')})` : ''} · ${Math.round(d.unexplained * 100)} % left for something else`,
    ),
  );
  return `${out.join('\n')}\n`;
}
