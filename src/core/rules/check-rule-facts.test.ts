import { describe, expect, it } from 'vitest';
import { MetricCatalogueSchema } from '../facts/metric-catalogue.js';
import { checkRuleFacts } from './check-rule-facts.js';
import { compileRules } from './compile-rules.js';

const catalogue = MetricCatalogueSchema.parse({
  facts: [
    {
      name: 'restarts',
      unit: 'count',
      scope: 'pod',
      promql: 'sum(x)',
      exporter: 'e',
      enable: 'e',
      description: 'd',
    },
    { name: 'accept_queue', unit: 'count', scope: 'service', exporter: 'e', enable: 'e', description: 'd' },
  ],
});

function ruleSetOf(conditions: unknown[]) {
  const r = compileRules([
    {
      file: 'r.json',
      json: {
        rules: conditions.map((c, i) => ({
          id: `t.rule-${i}`,
          cause: 'crash',
          weight: 1,
          conditions: c,
          evidence: 'e',
        })),
      },
    },
  ]);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.ruleSet;
}

describe('checkRuleFacts', () => {
  it('accepts built-in facts, catalogue metrics and their states', () => {
    const rs = ruleSetOf([
      { all: [{ fact: 'restarts', operator: 'greaterThan', value: 0 }] },
      { any: [{ fact: 'state.restarts', operator: 'in', value: ['not-scraped', 'error'] }] },
      { all: [{ fact: 'classes', operator: 'containsAny', value: ['oom'] }] },
    ]);
    expect(checkRuleFacts(rs, catalogue)).toEqual([]);
  });

  it('reports unknown facts, states of non-metrics and unknown states with their paths', () => {
    const rs = ruleSetOf([
      { all: [{ fact: 'restart', operator: 'greaterThan', value: 0 }] },
      {
        any: [
          { fact: 'state.classes', operator: 'equal', value: 'value' },
          { not: { fact: 'state.restarts', operator: 'equal', value: 'missing' } },
        ],
      },
    ]);
    expect(checkRuleFacts(rs, catalogue).map((p) => [p.path, p.severity, p.message])).toEqual([
      ['$.rules[0].conditions.all[0].fact', 'error', expect.stringContaining('unknown fact "restart"')],
      ['$.rules[1].conditions.any[0].fact', 'error', expect.stringContaining('"classes" is not one')],
      [
        '$.rules[1].conditions.any[1].not.fact',
        'error',
        expect.stringContaining('"missing" is not a fact state'),
      ],
    ]);
  });

  it('warns about metrics that are never fetched', () => {
    const rs = ruleSetOf([{ all: [{ fact: 'accept_queue', operator: 'greaterThan', value: 100 }] }]);
    expect(checkRuleFacts(rs, catalogue)).toEqual([
      expect.objectContaining({ severity: 'warning', path: '$.rules[0].conditions.all[0].fact' }),
    ]);
  });
});
