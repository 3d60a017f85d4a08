import type { Hypothesis } from '../model/diagnosis.js';
import type { FactMap } from '../model/facts.js';
import type { RuleSet } from '../rules/compile-rules.js';
import type { MetricCatalogue, MetricFact } from './metric-catalogue.js';

/**
 * The metric worth a picture for a hypothesis: a catalogue fact read by the rules that gave the strongest
 * evidence for it (then by any rule of its cause), with a PromQL query to draw it over time and a reading
 * in this diagnosis (without one, Prometheus had nothing to show). Undefined when no such fact exists.
 */
export function keyMetricFact(
  hypothesis: Hypothesis,
  ruleSet: RuleSet,
  catalogue: MetricCatalogue,
  facts: Readonly<FactMap>,
): MetricFact | undefined {
  const drawable = new Map(catalogue.facts.filter((f) => f.promql !== undefined).map((f) => [f.name, f]));
  const ruleIds = [
    ...[...hypothesis.evidence]
      .filter((e) => e.for)
      .sort((a, b) => b.weight - a.weight)
      .map((e) => e.rule),
    ...hypothesis.rules,
    ...ruleSet.rules.filter((r) => r.def.cause === hypothesis.cause && r.def.weight > 0).map((r) => r.def.id),
  ];
  const seen = new Set<string>();
  for (const id of ruleIds) {
    for (const read of ruleSet.byId.get(id)?.facts ?? []) {
      const name = read.startsWith('state.') ? read.slice('state.'.length) : read;
      if (seen.has(name)) continue;
      seen.add(name);
      const fact = drawable.get(name);
      if (fact && typeof facts[name] === 'number') return fact;
    }
  }
  return undefined;
}
