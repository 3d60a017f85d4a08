import { describe, expect, it } from 'vitest';
import type { Hypothesis } from '../model/diagnosis.js';
import { compileRules } from '../rules/compile-rules.js';
import { keyMetricFact } from './key-metric-fact.js';
import { MetricCatalogueSchema } from './metric-catalogue.js';

const metric = (name: string, promql?: string) => ({
  name,
  unit: 'count',
  scope: 'pod',
  exporter: 'e',
  enable: 'e',
  description: 'd',
  ...(promql === undefined ? {} : { promql }),
});

const catalogue = MetricCatalogueSchema.parse({
  facts: [metric('restarts', 'sum(x)'), metric('oom_kills', 'sum(y)'), metric('supplied_only')],
});

const compiled = compileRules([
  {
    file: 'r.json',
    json: {
      rules: [
        {
          id: 'm.oom',
          cause: 'memory-oom',
          weight: 2,
          conditions: { all: [{ fact: 'oom_kills', operator: 'greaterThan', value: 0 }] },
          evidence: 'e',
        },
        {
          id: 'm.restarts',
          cause: 'memory-oom',
          weight: 1,
          conditions: {
            all: [
              { fact: 'supplied_only', operator: 'greaterThan', value: 0 },
              { fact: 'state.restarts', operator: 'equal', value: 'value' },
            ],
          },
          evidence: 'e',
        },
      ],
    },
  },
]);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const ruleSet = compiled.ruleSet;

function hypothesis(rules: string[], evidenceRule?: string): Hypothesis {
  return {
    cause: 'memory-oom',
    title: 't',
    confidence: 0.5,
    evidence: evidenceRule
      ? [{ for: true, text: 'x', source: 'metric:x', rule: evidenceRule, weight: 2 }]
      : [],
    missing: [],
    nextSteps: [],
    rules,
  };
}

describe('keyMetricFact', () => {
  it('picks a metric the evidence rules read, when the diagnosis has a reading of it', () => {
    expect(keyMetricFact(hypothesis(['m.oom'], 'm.oom'), ruleSet, catalogue, { oom_kills: 1 })?.name).toBe(
      'oom_kills',
    );
  });

  it('without a numeric reading, or without a query, there is nothing to draw', () => {
    const h = hypothesis(['m.oom'], 'm.oom');
    expect(keyMetricFact(h, ruleSet, catalogue, {})).toBeUndefined();
    expect(keyMetricFact(h, ruleSet, catalogue, { oom_kills: 'x' })).toBeUndefined();
    expect(
      keyMetricFact(hypothesis(['m.restarts']), ruleSet, catalogue, { supplied_only: 3 }),
    ).toBeUndefined();
  });

  it('reads through state facts and falls back to the other rules of the cause', () => {
    expect(keyMetricFact(hypothesis([]), ruleSet, catalogue, { restarts: 2 })?.name).toBe('restarts');
  });
});
