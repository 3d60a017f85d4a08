import type { Diagnosis } from '../model/diagnosis.js';
import { inert, percent } from './render-text.js';

/** Markdown (GitHub-flavoured): for tickets, postmortems and chat tools other than Slack. */

function md(s: string): string {
  return inert(s).replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

function fence(s: string): string {
  const longest = Math.max(2, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}sh\n${inert(s)}\n${f}`;
}

export function renderMarkdown(d: Diagnosis): string {
  const out: string[] = [];
  const first = d.hypotheses[0];
  out.push(
    `## reset-doctor: ${first ? `${first.cause} (${percent(first.confidence)})` : 'no cause stands out'}`,
  );
  out.push('');
  out.push(
    `Incident \`${md(d.incidentId)}\` · rules \`${d.rulesVersion}\`${d.overrides?.length ? ` (overrides: ${d.overrides.map(md).join(', ')})` : ''}${d.degraded ? ' · **degraded** (metrics unavailable)' : ''}`,
  );
  if (d.resetBy) out.push(`\nReset by: ${md(d.resetBy)}`);
  for (const h of d.hypotheses) {
    out.push('');
    out.push(`### ${percent(h.confidence)} ${h.cause}${h.variant ? ` (${md(h.variant)})` : ''}`);
    out.push('');
    out.push(md(h.title));
    out.push('');
    for (const e of h.evidence) out.push(`- ${e.for ? '✅' : '❌'} ${md(e.text)} _(${md(e.source)})_`);
    if (h.missing.length > 0) {
      out.push('');
      out.push('**Missing:**');
      for (const m of h.missing) out.push(`- ${md(m)}`);
    }
    if (h.nextSteps.length > 0) {
      out.push('');
      out.push('**Next steps:**');
      for (const s of h.nextSteps) {
        out.push('');
        out.push(`${md(s.why)}:`);
        out.push('');
        out.push(fence(s.command));
      }
    }
  }
  if (d.ruledOut.length > 0) {
    out.push('');
    out.push(`**Ruled out:** ${d.ruledOut.map((r) => `${r.cause} (${md(r.why)})`).join('; ')}`);
  }
  if (d.warnings.length > 0) {
    out.push('');
    for (const w of d.warnings) out.push(`> ⚠️ ${md(w)}`);
  }
  return `${out.join('\n')}\n`;
}
