import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import type { FactMap } from '../model/facts.js';
import { compileRules, type RuleSource } from './compile-rules.js';
import { createReferenceEvaluator, createRuleEvaluator } from './evaluate-rules.js';
import { CUSTOM_OPERATORS } from './operators.js';
import { resolveConditions, type SharedCondition, sharedConditionAt } from './shared-conditions.js';

const failureSeen = {
  any: [
    { fact: 'classes', operator: 'containsAny', value: ['reset', 'stale-connection'] },
    { fact: 'words.hints', operator: 'containsAny', value: ['reset-by-peer'] },
  ],
};
const afterIdle = { all: [{ fact: 'words.hints', operator: 'containsAny', value: ['after-idle'] }] };

const sharedFile = {
  file: 'shared.json',
  json: {
    conditions: {
      'failure-seen': failureSeen,
      'idle-failure': { all: [{ condition: 'failure-seen' }, afterIdle.all[0]] },
    },
  },
};
const ruleFile = {
  file: 'keepalive.json',
  json: {
    rules: [
      {
        id: 'test.idle-reuse',
        cause: 'keepalive-mismatch',
        weight: 2,
        conditions: { all: [{ condition: 'failure-seen' }, { not: { condition: 'idle-failure' } }] },
        evidence: 'a failure without idleness',
      },
      {
        id: 'test.idle-words',
        cause: 'keepalive-mismatch',
        weight: 2,
        conditions: {
          any: [{ condition: 'idle-failure' }, { fact: 'log.lineCount', operator: 'greaterThan', value: 5 }],
        },
        evidence: 'a failure after idleness',
      },
    ],
  },
};

function sharedMap(): Map<string, SharedCondition> {
  const json = sharedFile.json.conditions;
  return new Map(
    Object.entries(json).map(([name, conditions]) => [
      name,
      { name, file: 'shared.json', conditions: conditions as SharedCondition['conditions'] },
    ]),
  );
}

describe('shared conditions', () => {
  it('are written out in place, nested ones too, and where each landed is kept', () => {
    const r = resolveConditions(ruleFile.json.rules[0]?.conditions as never, sharedMap());
    expect(r.problems).toEqual([]);
    expect(r.conditions).toEqual({ all: [failureSeen, { not: { all: [failureSeen, afterIdle.all[0]] } }] });
    expect(r.inlined).toEqual([
      { at: 'conditions.all[0]', name: 'failure-seen' },
      { at: 'conditions.all[1].not', name: 'idle-failure' },
      { at: 'conditions.all[1].not.all[0]', name: 'failure-seen' },
    ]);
    expect(sharedConditionAt(r.inlined, 'conditions.all[1].not.all[0].any[1]')).toBe('failure-seen');
    expect(sharedConditionAt(r.inlined, 'conditions.all[1].not.all[1]')).toBe('idle-failure');
    expect(sharedConditionAt(r.inlined, 'conditions.all[10]')).toBeUndefined();
  });

  it('name unknown references and cycles where they are written, or at the reference that leads into a cycle', () => {
    const shared = sharedMap();
    shared.set('loop', { name: 'loop', file: 'shared.json', conditions: { any: [{ condition: 'loop' }] } });
    const r = resolveConditions(
      { all: [{ condition: 'failure-sen' }, { any: [{ condition: 'loop' }] }] },
      shared,
    );
    expect(r.problems).toEqual([
      {
        path: ['conditions', 'all', 0, 'condition'],
        message: 'no shared condition is named "failure-sen" (did you mean "failure-seen"?)',
      },
      {
        path: ['conditions', 'all', 1, 'any', 0, 'condition'],
        message: 'shared condition "loop" names itself (loop -> loop)',
      },
    ]);
    const own = resolveConditions(shared.get('loop')?.conditions as never, shared, 'loop');
    expect(own.problems).toEqual([
      {
        path: ['conditions', 'any', 0, 'condition'],
        message: 'shared condition "loop" names itself (loop -> loop)',
      },
    ]);
    // A cycle through two conditions: found from either, and from a rule naming one, at the outer reference.
    shared.set('ping', { name: 'ping', file: 'shared.json', conditions: { all: [{ condition: 'pong' }] } });
    shared.set('pong', { name: 'pong', file: 'shared.json', conditions: { not: { condition: 'ping' } } });
    expect(resolveConditions({ all: [{ condition: 'pong' }] }, shared, 'ping').problems).toEqual([
      {
        path: ['conditions', 'all', 0, 'condition'],
        message: 'shared condition "ping" names itself (ping -> pong -> ping)',
      },
    ]);
    expect(resolveConditions({ any: [afterIdle as never, { condition: 'ping' }] }, shared).problems).toEqual([
      {
        path: ['conditions', 'any', 1, 'condition'],
        message: 'shared condition "ping" names itself (ping -> pong -> ping)',
      },
    ]);
  });

  it('decide as json-rules-engine decides a rule naming them with engine.setCondition', async () => {
    const compiled = compileRules([sharedFile, ruleFile] as RuleSource[]);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
    const fast = createRuleEvaluator(compiled.ruleSet);
    const reference = createReferenceEvaluator(compiled.ruleSet);
    const cases: FactMap[] = [
      { classes: ['reset'] },
      { classes: ['reset'], 'words.hints': ['after-idle'] },
      { 'words.hints': ['reset-by-peer', 'after-idle'] },
      { 'words.hints': ['after-idle'], 'log.lineCount': 9 },
      { classes: ['refused'], 'log.lineCount': 2 },
      {},
    ];
    for (const facts of cases) {
      const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
      for (const [name, op] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, op);
      for (const [name, c] of Object.entries(sharedFile.json.conditions))
        engine.setCondition(name, c as never);
      for (const rule of ruleFile.json.rules)
        engine.addRule({ name: rule.id, conditions: rule.conditions as never, event: { type: rule.id } });
      const { events } = await engine.run({ ...facts });
      const byEngine = events.map((e) => e.type).sort();
      const byFast = (await fast.evaluate(facts)).fired.map((f) => f.rule.def.id).sort();
      const byReference = (await reference.evaluate(facts)).fired.map((f) => f.rule.def.id).sort();
      expect({ facts, fired: byFast }).toEqual({ facts, fired: byEngine });
      expect(byReference).toEqual(byEngine);
    }
  });

  it('are refused when two files give one name, or a file gives neither rules nor conditions', () => {
    const twice = compileRules([
      sharedFile,
      { file: 'more.json', json: { conditions: { 'failure-seen': afterIdle } } },
    ]);
    expect(twice.ok).toBe(false);
    expect(twice.problems).toContainEqual(
      expect.objectContaining({
        file: 'shared.json',
        path: '$.conditions["failure-seen"]',
        message: 'duplicate shared condition "failure-seen" (also in more.json)',
      }),
    );
    const empty = compileRules([{ file: 'empty.json', json: {} }]);
    expect(empty.ok).toBe(false);
    expect(empty.problems.map((p) => p.message)).toContain(
      'a rule file holds rules, shared conditions, shared steps or some of these',
    );
  });
});
