import { BUILTIN_FACT_NAMES } from '../facts/builtin-facts.js';
import type { MetricCatalogue } from '../facts/metric-catalogue.js';
import { type CompiledRule, jsonPath, type RuleProblem, type RuleSet } from './compile-rules.js';
import { type Condition, isLeaf } from './rule-schema.js';

/**
 * The rule linter's view of the fact vocabulary: a rule may read built-in facts, metric facts of the
 * catalogue and their `state.X`. A rule on a metric that the catalogue cannot query (supplied-only) is
 * allowed but flagged, since the running bot will never have it unless someone supplies it.
 */

const FACT_STATES = ['value', 'no-data', 'not-scraped', 'error', 'not-fetched'] as const;

function* leaves(
  c: Condition,
  path: (string | number)[],
): Generator<{ fact: string; value: unknown; path: (string | number)[] }> {
  if (isLeaf(c)) {
    yield { fact: c.fact, value: c.value, path: [...path, 'fact'] };
    if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value)
      yield { fact: c.value.fact, value: undefined, path: [...path, 'value', 'fact'] };
    return;
  }
  if ('all' in c) for (const [i, x] of c.all.entries()) yield* leaves(x, [...path, 'all', i]);
  else if ('any' in c) for (const [i, x] of c.any.entries()) yield* leaves(x, [...path, 'any', i]);
  else yield* leaves(c.not, [...path, 'not']);
}

function checkRule(rule: CompiledRule, catalogue: MetricCatalogue, problems: RuleProblem[]): void {
  const metrics = new Map(catalogue.facts.map((f) => [f.name, f]));
  const root = rule.def.conditions as Condition;
  for (const leaf of leaves(root, ['rules', rule.index, 'conditions'])) {
    const at = { file: rule.file, path: jsonPath(leaf.path) };
    if (leaf.fact.startsWith('state.')) {
      const name = leaf.fact.slice('state.'.length);
      if (!metrics.has(name)) {
        problems.push({
          ...at,
          message: `"${leaf.fact}": state facts exist for catalogue metrics only, and "${name}" is not one`,
          severity: 'error',
        });
      }
      const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
      for (const v of values) {
        if (typeof v === 'string' && !(FACT_STATES as readonly string[]).includes(v))
          problems.push({
            ...at,
            message: `"${v}" is not a fact state (${FACT_STATES.join(', ')})`,
            severity: 'error',
          });
      }
      continue;
    }
    if (BUILTIN_FACT_NAMES.has(leaf.fact)) continue;
    const metric = metrics.get(leaf.fact);
    if (!metric) {
      problems.push({
        ...at,
        message: `unknown fact "${leaf.fact}": neither a built-in fact nor in the metric catalogue`,
        severity: 'error',
      });
      continue;
    }
    if (metric.promql === undefined && metric.correlate === undefined)
      problems.push({
        ...at,
        message: `"${leaf.fact}" has no query in the catalogue: the rule fires only when a reading is supplied`,
        severity: 'warning',
      });
  }
}

export function checkRuleFacts(ruleSet: RuleSet, catalogue: MetricCatalogue): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rule of ruleSet.rules) checkRule(rule, catalogue, problems);
  return problems;
}
