import type { Subject } from '../facts/gather-facts.js';
import type { CompiledOverride, CompiledOverrides } from './compile-overrides.js';
import { withThresholds } from './compile-overrides.js';
import type { CompiledRule, RuleSet } from './compile-rules.js';
import { createRuleEvaluator, lazyOutcome, type RuleEvaluator, type RuleOutcome } from './evaluate-rules.js';
import type { ThresholdValue } from './overrides-schema.js';

/**
 * What the overrides that match one subject change. Weights and switched-off rules only change how fired
 * rules count, so they reuse the shared evaluator and its cached engines; only threshold overrides need
 * engines of their own, built once per distinct set of matching overrides and cached.
 */
export interface OverrideSelection {
  /** Names of the overrides that matched, in file order. */
  readonly names: readonly string[];
  readonly evaluator: RuleEvaluator;
  /** The rule as it counts for this subject (weight replaced), or undefined when switched off. */
  effective(rule: CompiledRule): CompiledRule | undefined;
  /** Which override switched a rule off, if one did. */
  disabledBy(ruleId: string): string | undefined;
  adjust(outcome: RuleOutcome): RuleOutcome;
}

export type OverrideSelector = (subject: Subject) => OverrideSelection;

const MAX_SELECTIONS = 128;

function build(
  ruleSet: RuleSet,
  base: RuleEvaluator,
  matched: readonly CompiledOverride[],
): OverrideSelection {
  const weights = new Map<string, { weight: number; by: string }>();
  const thresholds = new Map<string, Map<string, ThresholdValue>>();
  const offBy = new Map<string, string>();
  for (const o of matched) {
    for (const [id, w] of o.weights) weights.set(id, { weight: w, by: o.name });
    for (const id of o.disabled) offBy.set(id, o.name);
    for (const [id, byFact] of o.thresholds) {
      const m = thresholds.get(id) ?? new Map<string, ThresholdValue>();
      for (const [fact, v] of byFact) m.set(fact, v);
      thresholds.set(id, m);
    }
  }
  for (const [id, w] of weights) if (w.weight === 0 && !offBy.has(id)) offBy.set(id, w.by);

  let evaluator = base;
  if (thresholds.size > 0) {
    const rules = ruleSet.rules.map((r) => {
      const t = thresholds.get(r.def.id);
      return t ? withThresholds(r, t) : r;
    });
    evaluator = createRuleEvaluator({ ...ruleSet, rules, byId: new Map(rules.map((r) => [r.def.id, r])) });
  }

  const effectiveCache = new Map<string, CompiledRule | undefined>();
  const effective = (rule: CompiledRule): CompiledRule | undefined => {
    const id = rule.def.id;
    if (effectiveCache.has(id)) return effectiveCache.get(id);
    let out: CompiledRule | undefined = rule;
    if (offBy.has(id)) out = undefined;
    else {
      const w = weights.get(id);
      if (w !== undefined && w.weight !== rule.def.weight)
        out = { ...rule, def: { ...rule.def, weight: w.weight } };
    }
    effectiveCache.set(id, out);
    return out;
  };

  const adjust = (outcome: RuleOutcome): RuleOutcome => {
    if (weights.size === 0 && offBy.size === 0) return outcome;
    const fired = [];
    for (const f of outcome.fired) {
      const rule = effective(f.rule);
      if (rule) fired.push(rule === f.rule ? f : { ...f, rule });
    }
    const notFired = () => {
      const out: CompiledRule[] = [];
      for (const r of outcome.notFired) {
        const rule = effective(r);
        if (rule) out.push(rule);
      }
      return out;
    };
    return lazyOutcome(fired, notFired, (r) => outcome.failures(ruleSet.byId.get(r.def.id) ?? r));
  };

  return {
    names: matched.map((o) => o.name),
    evaluator,
    effective,
    disabledBy: (id) => offBy.get(id),
    adjust,
  };
}

export function createOverrideSelector(
  ruleSet: RuleSet,
  base: RuleEvaluator,
  overrides: CompiledOverrides | undefined,
): OverrideSelector {
  const none = build(ruleSet, base, []);
  if (!overrides || overrides.entries.length === 0) return () => none;
  const cache = new Map<string, OverrideSelection>();
  return (subject) => {
    const matched = overrides.entries.filter((o) => o.matches(subject));
    if (matched.length === 0) return none;
    const key = matched.map((o) => o.index).join(',');
    let sel = cache.get(key);
    if (!sel) {
      sel = build(ruleSet, base, matched);
      if (cache.size >= MAX_SELECTIONS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(key, sel);
    }
    return sel;
  };
}
