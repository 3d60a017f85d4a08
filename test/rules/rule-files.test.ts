import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/core/model/causes.js';
import { runRuleTest } from '../../src/core/rules/run-rule-tests.js';
import { bundledCore } from '../support/core.js';

const core = await bundledCore();

describe('shipped rules', () => {
  it.each(core.ruleSet.tests.map((t) => [`${t.file.split('/').pop()}: ${t.test.name}`, t] as const))(
    '%s',
    async (_, t) => {
      const r = await runRuleTest(core, t.file, t.test);
      expect(r.failures).toEqual([]);
    },
  );

  it.each(CAUSES)('%s has at least two rules and a test incident that ranks it first', (cause) => {
    const rules = core.ruleSet.rules.filter((r) => r.def.cause === cause && r.def.weight > 0);
    expect(rules.length).toBeGreaterThanOrEqual(2);
    const ranksFirst = core.ruleSet.tests.filter((t) => t.test.expect.top === cause);
    expect(ranksFirst.length).toBeGreaterThanOrEqual(1);
  });

  it('every rule has evidence against some cause (negative weights exist for every cause)', () => {
    for (const cause of CAUSES) {
      const against = core.ruleSet.rules.filter((r) => r.def.cause === cause && r.def.weight < 0);
      expect(against.length, cause).toBeGreaterThanOrEqual(1);
    }
  });
});
