import { describe, expect, it } from 'vitest';
import { compileRules, type RuleSource } from './compile-rules.js';

const tcpdump = { command: 'tcpdump -nn -i any tcp port {{port}}', why: 'see who sends the RST' };
const sharedFile: RuleSource = { file: 'shared.json', json: { steps: { 'catch-rst': tcpdump } } };
const rule = (nextSteps: unknown[]) => ({
  id: 'test.rule',
  cause: 'keepalive-mismatch',
  weight: 1,
  conditions: { all: [{ fact: 'classes', operator: 'containsAny', value: ['reset'] }] },
  evidence: 'a reset',
  nextSteps,
});

describe('shared next steps', () => {
  it('are written out in place, in the order the rule lists them, beside its own steps', () => {
    const own = { command: 'ss -tn', why: 'connections now' };
    const compiled = compileRules([
      sharedFile,
      { file: 'ka.json', json: { rules: [rule([own, { step: 'catch-rst' }])] } },
    ]);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    expect(compiled.ruleSet.byId.get('test.rule')?.def.nextSteps).toEqual([own, tcpdump]);
  });

  it('refuse an unknown name with a suggestion, and a name given by two files', () => {
    const typo = compileRules([
      sharedFile,
      { file: 'ka.json', json: { rules: [rule([{ step: 'catch-rts' }])] } },
    ]);
    expect(typo.ok).toBe(false);
    expect(typo.problems).toContainEqual(
      expect.objectContaining({
        file: 'ka.json',
        path: '$.rules[0].nextSteps[0].step',
        message: 'no shared step is named "catch-rts" (did you mean "catch-rst"?)',
        severity: 'error',
      }),
    );
    const twice = compileRules([
      sharedFile,
      { file: 'more.json', json: { steps: { 'catch-rst': tcpdump } } },
    ]);
    expect(twice.ok).toBe(false);
    expect(twice.problems).toContainEqual(
      expect.objectContaining({
        file: 'shared.json',
        path: '$.steps["catch-rst"]',
        message: 'duplicate shared step "catch-rst" (also in more.json)',
      }),
    );
  });

  it('change the rule set version when a shared command changes', () => {
    const ka: RuleSource = { file: 'ka.json', json: { rules: [rule([{ step: 'catch-rst' }])] } };
    const a = compileRules([sharedFile, ka]);
    const b = compileRules([
      {
        file: 'shared.json',
        json: { steps: { 'catch-rst': { ...tcpdump, command: 'tcpdump -nn -i any' } } },
      },
      ka,
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.ruleSet.version).not.toBe(b.ruleSet.version);
  });
});
