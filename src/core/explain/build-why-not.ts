import { BUILTIN_FACTS } from '../facts/builtin-facts.js';
import { CAUSE_INFO, type Cause } from '../model/causes.js';
import type { Diagnosis } from '../model/diagnosis.js';
import type { FactMap, FactValue } from '../model/facts.js';
import { countedRules, type DescribeMissing } from '../rank/rank-hypotheses.js';
import type { RuleExplanation, RuleOutcome } from '../rules/evaluate-rules.js';
import { sharedConditionAt } from '../rules/shared-conditions.js';
import { formatValue, renderText, type UnitOf } from '../rules/template.js';

/**
 * "Why not X?": for one cause, where it ranked and, for each of its rules, which conditions passed or failed
 * with the values they saw, and which facts were missing. Plain data: the text, JSON, Slack and playground
 * views all render this.
 */

export type WhyNotRuleStatus =
  /** Fired and added its weight to the score. */
  | 'counted'
  /** Fired, but a stronger rule of the same group already counted. */
  | 'fired-not-counted'
  /** Evaluated and a condition failed. */
  | 'failed'
  /** Switched off for this subject by an override. */
  | 'disabled';

export interface WhyNotCondition {
  /**
   * JSONPath of the condition in its rule as evaluated, e.g. `$.rules[3].conditions.all[0]`: the path in
   * the rule file, except inside a shared condition, which is written out where the rule names it.
   */
  readonly path: string;
  /** The shared condition the condition comes from, when it does. */
  readonly shared?: string;
  readonly fact: string;
  readonly operator: string;
  readonly expected: unknown;
  /** What the fact held (undefined: absent). Large facts are summarised, not copied. */
  readonly actual: FactValue | undefined;
  readonly passed: boolean | undefined;
  /** The value the rule wanted, formatted with the fact's unit. */
  readonly expectedText: string;
  /** The value the incident had, formatted with the fact's unit ("absent" when missing). */
  readonly actualText: string;
}

export interface WhyNotRule {
  readonly id: string;
  readonly file: string;
  /** JSONPath of the rule in its file. */
  readonly path: string;
  readonly weight: number;
  readonly group?: string;
  readonly status: WhyNotRuleStatus;
  readonly disabledBy?: string;
  /** The evidence text the rule gives when it fires (rendered with this incident's facts). */
  readonly evidence: string;
  readonly conditions: readonly WhyNotCondition[];
  /** Facts the rule reads that the incident did not have, with how to get them when known. */
  readonly absent: readonly { readonly fact: string; readonly how?: string }[];
}

export interface WhyNot {
  readonly cause: Cause;
  readonly incidentId: string;
  readonly rulesVersion: string;
  /** 1-based place among the hypotheses; undefined when the cause is not listed. */
  readonly place?: number;
  readonly confidence?: number;
  readonly top?: { readonly cause: Cause; readonly confidence: number };
  /** Log-odds: the cause's prior plus the weights that counted. */
  readonly score: number;
  readonly prior: number;
  /** One sentence: the verdict. */
  readonly summary: string;
  readonly rules: readonly WhyNotRule[];
  readonly overrides: readonly string[];
}

export interface WhyNotInput {
  readonly cause: Cause;
  readonly diagnosis: Diagnosis;
  readonly outcome: RuleOutcome;
  readonly explanations: readonly RuleExplanation[];
  readonly facts: FactMap;
  readonly unitOf: UnitOf;
  readonly describeMissing: DescribeMissing;
}

const LARGE: ReadonlySet<string> = new Set(BUILTIN_FACTS.filter((f) => f.large).map((f) => f.name));

function summariseLarge(value: FactValue | undefined): string {
  if (typeof value !== 'string') return formatValue(value);
  const kib = value.length / 1024;
  return `(${kib >= 1 ? `${kib.toFixed(0)} KiB` : `${value.length} characters`} of text)`;
}

function formatExpected(value: unknown, unit: string | undefined): string {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('fact' in value && typeof value.fact === 'string') return `the value of ${value.fact}`;
    if ('pattern' in value && typeof value.pattern === 'string')
      return `/${value.pattern}/${'flags' in value && typeof value.flags === 'string' ? value.flags : ''}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' || value === null)
    return formatValue(value, unit);
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'number' ? formatValue(v, unit) : String(v)));
    return `[${items.join(', ')}]`;
  }
  return JSON.stringify(value) ?? '?';
}

function ordinal(n: number): string {
  const rem = n % 100;
  if (rem >= 11 && rem <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function percent(x: number): string {
  return `${Math.round(x * 100)} %`;
}

export function buildWhyNot(input: WhyNotInput): WhyNot {
  const { cause, diagnosis: d, unitOf } = input;
  const ofCause = input.outcome.fired.filter((f) => f.rule.def.cause === cause);
  const counted = new Set(countedRules(ofCause).map((f) => f.rule.def.id));
  const firedIds = new Set(ofCause.map((f) => f.rule.def.id));
  const matchedOf = new Map(ofCause.map((f) => [f.rule.def.id, f.matched]));
  const prior = CAUSE_INFO[cause].prior;
  const score = ofCause
    .filter((f) => counted.has(f.rule.def.id))
    .reduce((a, f) => a + f.rule.def.weight, prior);

  const rules: WhyNotRule[] = input.explanations.map((e) => {
    const def = e.rule.def;
    const status: WhyNotRuleStatus =
      e.disabledBy !== undefined
        ? 'disabled'
        : counted.has(def.id)
          ? 'counted'
          : firedIds.has(def.id)
            ? 'fired-not-counted'
            : 'failed';
    const conditions = e.conditions.map((c): WhyNotCondition => {
      const unit = unitOf(c.fact);
      const actual = LARGE.has(c.fact) && typeof c.actual === 'string' ? undefined : c.actual;
      const shared = sharedConditionAt(e.rule.inlined, c.path);
      return {
        path: `$.rules[${e.rule.index}].${c.path}`,
        ...(shared === undefined ? {} : { shared }),
        fact: c.fact,
        operator: c.operator,
        expected: c.value,
        actual,
        passed: c.passed,
        expectedText: formatExpected(c.value, unit),
        actualText:
          c.actual === undefined || c.actual === null
            ? 'absent'
            : LARGE.has(c.fact)
              ? summariseLarge(c.actual)
              : formatValue(c.actual, unit),
      };
    });
    const absent = e.absent.map((fact) => {
      const how = input.describeMissing(fact, input.facts);
      return how === undefined ? { fact } : { fact, how };
    });
    return {
      id: def.id,
      file: e.rule.file.split(/[\\/]/).pop() ?? e.rule.file,
      path: `$.rules[${e.rule.index}]`,
      weight: def.weight,
      ...(def.group === undefined ? {} : { group: def.group }),
      status,
      ...(e.disabledBy === undefined ? {} : { disabledBy: e.disabledBy }),
      evidence: renderText(def.evidence, input.facts, unitOf, {
        matched: (matchedOf.get(def.id) ?? []).join(', '),
      }),
      conditions,
      absent,
    };
  });

  const index = d.hypotheses.findIndex((h) => h.cause === cause);
  const hypothesis = d.hypotheses[index];
  const first = d.hypotheses[0];
  let summary: string;
  if (hypothesis && index === 0) {
    summary = `${cause} is the top answer (${percent(hypothesis.confidence)}).`;
  } else if (hypothesis && first) {
    summary = `${cause} ranks ${ordinal(index + 1)} (${percent(hypothesis.confidence)}), behind ${first.cause} (${percent(first.confidence)}).`;
  } else {
    const against = rules.filter(
      (r) => r.weight < 0 && (r.status === 'counted' || r.status === 'fired-not-counted'),
    );
    const forIt = rules.filter((r) => r.weight > 0);
    if (forIt.length === 0) summary = `${cause} has no rule that supports it.`;
    else if (against.length > 0 && rules.some((r) => r.weight > 0 && r.status === 'counted'))
      summary = `${cause} is outweighed: evidence against it (${against.map((r) => r.id).join(', ')}) cancels what supports it.`;
    else if (against.length > 0) summary = `${cause} is ruled out: ${against[0]?.evidence ?? ''}.`;
    else {
      const lacking = forIt.filter((r) => r.status === 'failed' && r.absent.length > 0).length;
      const disabled = forIt.filter((r) => r.status === 'disabled').length;
      summary = `no rule supporting ${cause} fired: ${forIt.length} rule${forIt.length === 1 ? '' : 's'}, ${lacking} lacking facts the incident did not have${disabled > 0 ? `, ${disabled} switched off by an override` : ''}.`;
    }
  }
  return {
    cause,
    incidentId: d.incidentId,
    rulesVersion: d.rulesVersion,
    ...(hypothesis ? { place: index + 1, confidence: hypothesis.confidence } : {}),
    ...(first ? { top: { cause: first.cause, confidence: first.confidence } } : {}),
    score: Math.round(score * 1000) / 1000,
    prior,
    summary,
    rules,
    overrides: d.overrides ?? [],
  };
}
