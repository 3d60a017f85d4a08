import { describe, expect, it } from 'vitest';
import type { FactMap } from '../model/facts.js';
import { compileRules, type RuleSet } from './compile-rules.js';
import { createReferenceEvaluator, createRuleEvaluator, type RuleOutcome } from './evaluate-rules.js';
import { CUSTOM_OPERATORS } from './operators.js';

const rule = (id: string, conditions: unknown) => ({
  id,
  cause: 'keepalive-mismatch',
  weight: 1,
  conditions,
  evidence: 'x',
  nextSteps: [],
});

function ruleSetOf(rules: unknown[]): RuleSet {
  const compiled = compileRules([{ file: 'test.json', json: { rules } }]);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.ruleSet;
}

const RULES = ruleSetOf([
  rule('t.classes', {
    all: [{ fact: 'classes', operator: 'containsAny', value: ['reset', 'stale-connection'] }],
  }),
  rule('t.both', {
    all: [
      { fact: 'config.serverKeepAliveS', operator: 'lessThan', value: { fact: 'config.callerIdleS' } },
      {
        any: [
          { fact: 'words.hints', operator: 'containsAny', value: ['intermittent'] },
          { fact: 'restarts', operator: 'greaterThan', value: 0 },
        ],
      },
    ],
  }),
  rule('t.not', {
    all: [
      { fact: 'classes', operator: 'containsAny', value: ['reset'] },
      { not: { fact: 'restarts', operator: 'greaterThan', value: 0 } },
    ],
  }),
  rule('t.only-not', { not: { fact: 'restarts', operator: 'greaterThan', value: 5 } }),
  rule('t.matches', {
    any: [{ fact: 'log.text', operator: 'matches', value: { pattern: 'hang up', flags: 'i' } }],
  }),
]);

const fired = (o: RuleOutcome) => o.fired.map((f) => [f.rule.def.id, [...f.matched]]);

const CASES: readonly [string, FactMap][] = [
  ['no facts', {}],
  ['a class', { classes: ['reset'] }],
  ['a class and a restart', { classes: ['reset', 'x'], restarts: 3 }],
  ['many restarts', { restarts: 9 }],
  [
    'a fact compared with a fact',
    { 'config.serverKeepAliveS': 5, 'config.callerIdleS': 60, 'words.hints': ['intermittent'] },
  ],
  ['the other fact missing', { 'config.serverKeepAliveS': 5, 'words.hints': ['intermittent'] }],
  ['null facts', { classes: null, restarts: null }],
  ['a log line', { 'log.text': 'ok\nError: socket HANG UP\n' }],
];

describe('the screened evaluator', () => {
  it.each(CASES)(
    'fires what the reference evaluator (every rule, a fresh engine) fires: %s',
    async (_, facts) => {
      const fast = await createRuleEvaluator(RULES).evaluate(facts);
      const reference = await createReferenceEvaluator(RULES).evaluate(facts);
      expect(fired(fast)).toEqual(fired(reference));
      expect(fast.notFired.map((r) => r.def.id)).toEqual(reference.notFired.map((r) => r.def.id));
    },
  );

  it('gives the same answers again from its cached engines', async () => {
    const evaluator = createRuleEvaluator(RULES);
    for (const [, facts] of [...CASES, ...CASES]) {
      const reference = await createReferenceEvaluator(RULES).evaluate(facts);
      expect(fired(await evaluator.evaluate(facts))).toEqual(fired(reference));
    }
  });

  it('explains why a rule did not fire, with where each condition sits', async () => {
    const o = await createRuleEvaluator(RULES).evaluate({
      'config.serverKeepAliveS': 90,
      'config.callerIdleS': 60,
    });
    const both = RULES.byId.get('t.both');
    if (!both) throw new Error('no rule');
    expect(o.failures(both)).toEqual([
      {
        path: 'conditions.all[0]',
        fact: 'config.serverKeepAliveS',
        operator: 'lessThan',
        value: 60,
        actual: 90,
        passed: false,
      },
    ]);
    expect(o.failed.map((f) => f.rule.def.id)).toContain('t.both');
    expect(o.skipped.map((r) => r.def.id)).toContain('t.classes');
  });

  // The evaluator screens only the rules anchored on a fact that is present: sound only because every
  // operator fails on a missing fact. This holds the operators to it.
  it.each(Object.keys(CUSTOM_OPERATORS))('%s never passes on a missing fact', (name) => {
    const op = CUSTOM_OPERATORS[name];
    for (const value of [
      0,
      1,
      -1,
      'x',
      '',
      true,
      false,
      null,
      [],
      ['x'],
      [0, 10],
      { pattern: '.*' },
      undefined,
    ])
      for (const missing of [undefined, null])
        expect(op?.(missing, value), `${name}(${missing}, ${JSON.stringify(value)})`).toBe(false);
  });
});
