import type { DiagnosisCore } from '../diagnose.js';
import type { RuleTest } from './rule-schema.js';

/** Runs the test cases rule files carry: does each incident fire (or not) the rules, and rank the causes, it claims. */

export interface RuleTestResult {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  readonly failures: readonly string[];
}

export async function runRuleTest(
  core: DiagnosisCore,
  file: string,
  test: RuleTest,
): Promise<RuleTestResult> {
  const { outcome, diagnosis: d } = await core.trace(test.incident);
  const fired = new Set(outcome.fired.map((f) => f.rule.def.id));
  const ranked = d.hypotheses.map((h) => h.cause);
  const failures: string[] = [];
  const e = test.expect;
  for (const id of e.fires ?? []) if (!fired.has(id)) failures.push(`expected rule ${id} to fire`);
  for (const id of e.notFires ?? []) if (fired.has(id)) failures.push(`expected rule ${id} not to fire`);
  if (e.top && ranked[0] !== e.top)
    failures.push(`expected ${e.top} first, got ${ranked[0] ?? '(no hypothesis)'}`);
  if (e.notTop && ranked[0] === e.notTop) failures.push(`expected ${e.notTop} not to rank first`);
  if (e.rank) {
    const place = ranked.indexOf(e.rank.cause) + 1;
    if (place === 0 || place > e.rank.atMost) {
      failures.push(
        `expected ${e.rank.cause} at place ${e.rank.atMost} or better, got ${place === 0 ? 'not listed' : place}`,
      );
    }
  }
  return { file, name: test.name, passed: failures.length === 0, failures };
}

/** The cases the rule files carry. Run them on a core without overrides: they describe the rules as shipped. */
export async function runRuleTests(core: DiagnosisCore): Promise<RuleTestResult[]> {
  const out: RuleTestResult[] = [];
  for (const t of core.ruleSet.tests) out.push(await runRuleTest(core, t.file, t.test));
  return out;
}

/** The cases overrides.json carries, run with the overrides applied. */
export async function runOverrideTests(core: DiagnosisCore): Promise<RuleTestResult[]> {
  const out: RuleTestResult[] = [];
  for (const t of core.overrides?.tests ?? []) out.push(await runRuleTest(core, t.file, t.test));
  return out;
}
