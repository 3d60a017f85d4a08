import type { Cause } from '../model/causes.js';
import type { Diagnosis } from '../model/diagnosis.js';
import type { FactValue } from '../model/facts.js';
import type { ConditionTrace, RuleExplanation } from '../rules/evaluate-rules.js';
import { formatValue, type UnitOf } from '../rules/template.js';
import { percent } from './render-slack-blocks.js';
import type { Block, SlackMessage } from './slack-blocks.js';
import { SLACK_LIMITS } from './slack-blocks.js';
import { codeSpan, escapeSlack, fitText, joinWithin } from './slack-text.js';

/**
 * A compact answer to "why not <cause>?": where the cause stands in the diagnosis, which of its rules fired,
 * which did not and on what condition, and which could not run for lack of data.
 */

const OPERATOR_TEXT: Readonly<Record<string, string>> = {
  equal: '=',
  notEqual: '≠',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  lessThan: '<',
  lessThanInclusive: '≤',
  in: 'in',
  notIn: 'not in',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

const MAX_PER_KIND = 8;

function show(value: unknown, unit: string | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return formatValue(value, unit);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    return formatValue(value as FactValue, unit);
  return JSON.stringify(value) ?? '?';
}

function conditionText(t: ConditionTrace, unitOf: UnitOf): string {
  const unit = unitOf(t.fact);
  const op = OPERATOR_TEXT[t.operator] ?? t.operator;
  const wanted = `${fitText(t.fact, 80, codeSpan)} ${escapeSlack(op)} ${fitText(show(t.value, unit), 120, codeSpan)}`;
  if (t.actual === undefined) return `${wanted} (no such fact in this incident)`;
  return `${wanted}, saw ${fitText(show(t.actual, unit), 120, codeSpan)}`;
}

function weight(w: number): string {
  return `${w > 0 ? '+' : ''}${w}`;
}

function standing(d: Diagnosis | undefined, cause: Cause): string {
  if (!d) return '';
  const rank = d.hypotheses.findIndex((h) => h.cause === cause);
  const h = d.hypotheses[rank];
  if (h) {
    const first = d.hypotheses[0];
    const lead =
      first && first.cause !== cause
        ? ` (${escapeSlack(first.cause)} leads at ${percent(first.confidence)})`
        : '';
    return `${codeSpan(cause)} is hypothesis ${rank + 1} of ${d.hypotheses.length} at ${percent(h.confidence)}${lead}.`;
  }
  const out = d.ruledOut.find((r) => r.cause === cause);
  if (out) return `${codeSpan(cause)} was ruled out: ${fitText(out.why, 300)}.`;
  return `No evidence for ${codeSpan(cause)}: none of its rules that speak for it fired.`;
}

export interface ExplainInput {
  readonly cause: Cause;
  readonly explanations: readonly RuleExplanation[];
  readonly unitOf: UnitOf;
  readonly diagnosis?: Diagnosis;
  readonly incidentId: string;
}

export function renderSlackExplain(input: ExplainInput): SlackMessage {
  const { cause, explanations, unitOf } = input;
  const fired = explanations.filter((e) => e.fired);
  const failed = explanations.filter((e) => !e.fired && e.absent.length === 0);
  const blocked = explanations.filter((e) => !e.fired && e.absent.length > 0);

  const blocks: Block[] = [];
  const sectionOf = (lines: string[]) =>
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: joinWithin(lines, SLACK_LIMITS.sectionText), verbatim: true },
    });

  sectionOf([`*Why not ${codeSpan(cause)}?*`, standing(input.diagnosis, cause)].filter((l) => l.length > 0));

  if (fired.length > 0) {
    const lines = fired.slice(0, MAX_PER_KIND).map((e) => {
      const mark = e.rule.def.weight > 0 ? ':white_check_mark:' : ':no_entry:';
      return `${mark} ${codeSpan(e.rule.def.id)} (${weight(e.rule.def.weight)}) fired: ${fitText(e.rule.def.evidence, 200)}`;
    });
    if (fired.length > MAX_PER_KIND) lines.push(`_…and ${fired.length - MAX_PER_KIND} more_`);
    sectionOf(['*Fired*', ...lines]);
  }
  if (failed.length > 0) {
    const lines = failed.slice(0, MAX_PER_KIND).map((e) => {
      const misses = e.conditions.filter((c) => c.passed === false).slice(0, 2);
      const why =
        misses.length > 0
          ? misses.map((c) => conditionText(c, unitOf)).join('; ')
          : 'its conditions did not hold together';
      return `:x: ${codeSpan(e.rule.def.id)} (${weight(e.rule.def.weight)}): ${why}`;
    });
    if (failed.length > MAX_PER_KIND) lines.push(`_…and ${failed.length - MAX_PER_KIND} more_`);
    sectionOf(['*Did not fire*', ...lines]);
  }
  if (blocked.length > 0) {
    const facts = new Map<string, number>();
    for (const e of blocked) for (const f of e.absent) facts.set(f, (facts.get(f) ?? 0) + 1);
    const lines = [...facts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_PER_KIND)
      .map(([f, n]) => `• ${fitText(f, 100, codeSpan)} (${n} rule${n === 1 ? '' : 's'})`);
    sectionOf([
      `*Could not run* (${blocked.length} rule${blocked.length === 1 ? '' : 's'}): the incident lacks`,
      ...lines,
    ]);
  }
  if (explanations.length === 0) sectionOf([`No rule speaks about ${codeSpan(cause)} in this rule set.`]);
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `incident ${codeSpan(input.incidentId)}`, verbatim: true }],
  });
  return { text: `reset-doctor: why not ${escapeSlack(cause)}`, blocks };
}
