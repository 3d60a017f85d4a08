import type { Gathered } from '../facts/gather-facts.js';
import { CAUSE_INFO, CAUSES, type Cause } from '../model/causes.js';
import type { Evidence, Hypothesis, NextStep, RuledOut } from '../model/diagnosis.js';
import type { FactMap } from '../model/facts.js';
import type { CompiledRule, OrderComparison } from '../rules/compile-rules.js';
import type { ConditionTrace, FiredRule, RuleOutcome } from '../rules/evaluate-rules.js';
import { formatValue, renderCommand, renderText, type ShellQuote, type UnitOf } from '../rules/template.js';

/**
 * Bayesian-flavoured ranking: every cause starts from its prior log-odds, every fired rule adds its weight
 * (correlated rules in one group count once, the strongest), and confidences are a softmax over all causes
 * plus a fixed "something else". A cause no fired rule speaks for sits `unsupportedPenalty` below its score,
 * and scores are multiplied by `scale` before the softmax: both are fitted so that a stated confidence is
 * how often the top answer was right on incidents the rules had not seen (the calibration in the README).
 * The order of the hypotheses does not depend on them.
 */

export interface RankOptions {
  /** Score of "something else": higher means more caution. */
  readonly otherScore: number;
  /** Log-odds taken from a cause that no fired rule supports. */
  readonly unsupportedPenalty: number;
  /** Scores are multiplied by this before the softmax (below 1 spreads belief, above 1 sharpens it). */
  readonly scale: number;
  readonly maxNextSteps: number;
  readonly maxMissing: number;
}

export const DEFAULT_RANK_OPTIONS: RankOptions = {
  otherScore: -0.75,
  unsupportedPenalty: 4,
  scale: 0.6,
  maxNextSteps: 5,
  maxMissing: 4,
};

/**
 * How to describe a fact that would settle a hypothesis but is absent (for a reading, its `state.<fact>`
 * in the facts says why: no data, not scraped, the query failed).
 */
export type DescribeMissing = (fact: string, facts: FactMap) => string | undefined;

export interface RankDeps {
  readonly unitOf: UnitOf;
  readonly quote: ShellQuote;
  readonly describeMissing: DescribeMissing;
}

export interface Ranking {
  readonly hypotheses: readonly Hypothesis[];
  readonly ruledOut: readonly RuledOut[];
  readonly unexplained: number;
  readonly scores: Readonly<Record<Cause, number>>;
}

const TAG_SOURCE_PREFIX: Readonly<Record<string, string>> = {
  classes: 'class:',
  'log.classes': 'class:',
  'alert.classes': 'class:',
  'log.signatures': 'signature:',
  'log.phases': 'phase:',
  'log.envoyFlags': 'envoyFlag:',
  'log.envoyResetReasons': 'envoyReason:',
  'log.haproxyStates': 'haproxyState:',
};

function sourceOf(fired: FiredRule, g: Gathered): { source: string; quote?: string } {
  for (const fact of fired.rule.facts) {
    const prefix = TAG_SOURCE_PREFIX[fact];
    if (prefix) {
      for (const tag of fired.matched) {
        const key = `${prefix}${tag}`;
        const src = g.sources[key];
        if (src) {
          const quote = g.log?.quotes[key];
          return quote === undefined ? { source: src } : { source: src, quote };
        }
      }
      continue;
    }
    const src = g.sources[fact];
    if (src && g.facts[fact] !== undefined) return { source: src };
  }
  const first = fired.rule.facts[0] ?? '';
  return { source: first.split('.')[0] ?? 'facts' };
}

const NEGATED: Readonly<Record<OrderComparison, string>> = {
  greaterThan: '≤',
  greaterThanInclusive: '<',
  lessThan: '≥',
  lessThanInclusive: '>',
  equal: '≠',
  notEqual: '=',
};

/** A failed numeric comparison on a reading, as "cpu_usage_ratio 31 % ≤ 85 %"; other failures say too little. */
function describeFailure(t: ConditionTrace, unitOf: UnitOf): string | undefined {
  // Numbers read from the person's words (sizes, durations) say what was described, not what was measured.
  if (typeof t.actual !== 'number' || t.fact.startsWith('words.')) return undefined;
  const unit = unitOf(t.fact);
  const actual = formatValue(t.actual, unit);
  const neg = Object.hasOwn(NEGATED, t.operator) ? NEGATED[t.operator as OrderComparison] : undefined;
  if (neg && (typeof t.value === 'number' || typeof t.value === 'boolean' || typeof t.value === 'string')) {
    return `${t.fact} ${actual} ${neg} ${formatValue(t.value as number, unit)}`;
  }
  if (t.operator === 'between' && Array.isArray(t.value)) {
    return `${t.fact} ${actual} outside ${(t.value as number[]).map((v) => formatValue(v, unit)).join('–')}`;
  }
  return undefined;
}

const NONE: readonly CompiledRule[] = [];

/**
 * The fired rules of one cause that count towards its score: per group (a rule without a group is its own),
 * the strongest rule for and the strongest against. Rules in one group are correlated evidence.
 */
export function countedRules(fired: readonly FiredRule[]): FiredRule[] {
  const groups = new Map<string, { pos?: FiredRule; neg?: FiredRule }>();
  for (const f of fired) {
    const key = f.rule.def.group ?? f.rule.def.id;
    const g = groups.get(key) ?? {};
    const w = f.rule.def.weight;
    if (w > 0 && (!g.pos || w > g.pos.rule.def.weight)) g.pos = f;
    if (w < 0 && (!g.neg || w < g.neg.rule.def.weight)) g.neg = f;
    groups.set(key, g);
  }
  const used: FiredRule[] = [];
  for (const g of groups.values()) {
    if (g.pos) used.push(g.pos);
    if (g.neg) used.push(g.neg);
  }
  return used;
}

export function rankHypotheses(
  outcome: RuleOutcome,
  gathered: Gathered,
  deps: RankDeps,
  options: RankOptions = DEFAULT_RANK_OPTIONS,
): Ranking {
  const facts: FactMap = gathered.facts;
  const byCause = new Map<Cause, FiredRule[]>();
  for (const f of outcome.fired) {
    const list = byCause.get(f.rule.def.cause) ?? [];
    list.push(f);
    byCause.set(f.rule.def.cause, list);
  }
  // The rules that did not fire, by cause, in rule order (ruled-out lines and missing facts read them).
  const notFiredByCause = outcome.notFiredByCause;
  const scores = {} as Record<Cause, number>;
  const counted = new Map<Cause, FiredRule[]>();
  // Causes at least one fired rule speaks for: the hypotheses.
  const supported = new Set<Cause>();
  for (const cause of CAUSES) {
    const fired = byCause.get(cause);
    scores[cause] = CAUSE_INFO[cause].prior;
    if (!fired) continue;
    const used = countedRules(fired);
    for (const f of used) scores[cause] += f.rule.def.weight;
    counted.set(cause, used);
    if (used.some((f) => f.rule.def.weight > 0)) supported.add(cause);
  }
  const belief = {} as Record<Cause, number>;
  let z = Math.exp(options.scale * options.otherScore);
  for (const cause of CAUSES) {
    const score = supported.has(cause) ? scores[cause] : scores[cause] - options.unsupportedPenalty;
    belief[cause] = Math.exp(options.scale * score);
    z += belief[cause];
  }

  const hypotheses: Hypothesis[] = [];
  for (const cause of CAUSES) {
    const used = counted.get(cause);
    const all = byCause.get(cause);
    if (!used || !all || !supported.has(cause)) continue;
    // Evidence lists what counted: a weaker rule of the same group says the same thing again.
    const ordered = [...used].sort((a, b) => Math.abs(b.rule.def.weight) - Math.abs(a.rule.def.weight));
    const evidence: Evidence[] = [];
    const seenText = new Set<string>();
    for (const f of ordered) {
      const text = renderText(f.rule.def.evidence, facts, deps.unitOf, { matched: f.matched.join(', ') });
      if (seenText.has(text)) continue;
      seenText.add(text);
      const { source, quote } = sourceOf(f, gathered);
      evidence.push({
        for: f.rule.def.weight > 0,
        text,
        source,
        rule: f.rule.def.id,
        weight: f.rule.def.weight,
        ...(quote === undefined ? {} : { quote }),
      });
    }
    const titled = ordered.find((f) => f.rule.def.weight > 0 && f.rule.def.title);
    const variant = ordered.find((f) => f.rule.def.weight > 0 && f.rule.def.variant)?.rule.def.variant;
    const steps: NextStep[] = [];
    const seenCmd = new Set<string>();
    for (const f of ordered) {
      if (f.rule.def.weight <= 0) continue;
      for (const s of f.rule.def.nextSteps) {
        if (steps.length >= options.maxNextSteps || seenCmd.has(s.command)) continue;
        seenCmd.add(s.command);
        const r = renderCommand(s.command, gathered.subject, deps.quote);
        steps.push({ why: s.why, command: r.command, ...(r.needs.length > 0 ? { needs: r.needs } : {}) });
      }
    }
    hypotheses.push({
      cause,
      ...(variant === undefined ? {} : { variant }),
      title: titled?.rule.def.title
        ? renderText(titled.rule.def.title, facts, deps.unitOf, { matched: titled.matched.join(', ') })
        : CAUSE_INFO[cause].title,
      confidence: Math.round((belief[cause] / z) * 1000) / 1000,
      evidence,
      missing: missingFor(notFiredByCause.get(cause) ?? [], gathered, deps, options.maxMissing),
      nextSteps: steps,
      rules: [...all].sort((a, b) => b.rule.def.weight - a.rule.def.weight).map((f) => f.rule.def.id),
    });
  }
  hypotheses.sort((a, b) => b.confidence - a.confidence || CAUSES.indexOf(a.cause) - CAUSES.indexOf(b.cause));

  const ruledOut: RuledOut[] = [];
  // Facts with a number, looked up once: asking the fact map (a dictionary of dotted names) for every fact
  // of every rule below cost more than the rest of the ranking.
  const numeric = new Set<string>();
  for (const k in facts) if (typeof facts[k] === 'number') numeric.add(k);
  const listed = new Set(hypotheses.map((h) => h.cause));
  for (const cause of CAUSES) {
    if (listed.has(cause)) continue;
    let neg: FiredRule | undefined;
    for (const f of byCause.get(cause) ?? [])
      if (f.rule.def.weight < 0 && (!neg || f.rule.def.weight < neg.rule.def.weight)) neg = f;
    if (neg) {
      ruledOut.push({
        cause,
        why: renderText(neg.rule.def.evidence, facts, deps.unitOf, { matched: neg.matched.join(', ') }),
      });
      continue;
    }
    // Only a failed comparison on a number can be described: rules without one are not worth tracing.
    const candidates: CompiledRule[] = [];
    for (const rule of notFiredByCause.get(cause) ?? NONE)
      if (rule.def.weight > 0 && rule.comparedFacts.some((f) => numeric.has(f))) candidates.push(rule);
    candidates.sort((a, b) => b.def.weight - a.def.weight);
    for (const rule of candidates) {
      const why = outcome
        .failures(rule)
        .map((t) => describeFailure(t, deps.unitOf))
        .find((x) => x !== undefined);
      if (why && /\d/.test(why)) {
        ruledOut.push({ cause, why });
        break;
      }
    }
  }
  const total = hypotheses.reduce((a, h) => a + h.confidence, 0);
  return { hypotheses, ruledOut, unexplained: Math.max(0, Math.round((1 - total) * 1000) / 1000), scores };
}

/** `notFired`: the cause's rules that did not fire, in rule order. */
function missingFor(
  notFired: readonly CompiledRule[],
  gathered: Gathered,
  deps: RankDeps,
  max: number,
): string[] {
  const weights = new Map<string, number>();
  for (const rule of notFired) {
    if (rule.def.weight <= 0) continue;
    for (const f of rule.facts) {
      const value = gathered.facts[f];
      if (value !== undefined && value !== null) continue;
      weights.set(f, Math.max(weights.get(f) ?? 0, rule.def.weight));
    }
  }
  const out: string[] = [];
  for (const [fact] of [...weights.entries()].sort((a, b) => b[1] - a[1])) {
    const text = deps.describeMissing(fact, gathered.facts);
    if (text && !out.includes(text)) out.push(text);
    if (out.length >= max) break;
  }
  return out;
}
