import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactMap, FactValue } from '../../src/core/model/facts.js';
import { BatchLineSchema, type Incident, unwrapBatchLine } from '../../src/core/model/incident.js';
import { requiredLiterals } from '../../src/core/parse/required-literals.js';
import { forEachLeaf } from '../../src/core/rules/compile-rules.js';
import { createReferenceEvaluator } from '../../src/core/rules/evaluate-rules.js';
import type { LeafCondition } from '../../src/core/rules/rule-schema.js';
import { bundledCore } from '../support/core.js';

/**
 * The shipped rules on every incident at hand (each rule file's test cases, the holdout corpus and the dev
 * corpus when it is there): the screened, cached evaluator the core uses fires exactly what json-rules-engine
 * fires when it is given every rule in a fresh engine.
 */

const core = await bundledCore();

async function corpus(file: string): Promise<Incident[]> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((l) => unwrapBatchLine(BatchLineSchema.parse(JSON.parse(l))));
}

const incidents: [string, Incident][] = [
  ...core.ruleSet.tests.map((t): [string, Incident] => [`${t.file} / ${t.test.name}`, t.test.incident]),
  ...(await corpus(new URL('../corpus/holdout.jsonl', import.meta.url).pathname)).map(
    (i, n): [string, Incident] => [`holdout line ${n + 1}`, i],
  ),
  ...(await corpus(new URL('../corpus/threads.jsonl', import.meta.url).pathname)).map(
    (i, n): [string, Incident] => [`threads line ${n + 1}`, i],
  ),
  ...(
    await corpus(
      process.env.RESET_DOCTOR_CORPUS ??
        new URL('../../../shared/corpus/dev.jsonl', import.meta.url).pathname,
    )
  ).map((i, n): [string, Incident] => [`dev line ${n + 1}`, i]),
];

describe('the screened evaluator agrees with json-rules-engine on the shipped rules', () => {
  const reference = createReferenceEvaluator(core.ruleSet);
  it('has incidents to check', () => {
    expect(incidents.length).toBeGreaterThan(50);
  });
  it.each(incidents)('%s', async (_, incident) => {
    const { facts } = core.gather(incident);
    const fast = await core.evaluator.evaluate(facts);
    const slow = await reference.evaluate(facts);
    const fired = (o: typeof fast) => o.fired.map((f) => `${f.rule.def.id} [${f.matched.join(', ')}]`);
    expect(fired(fast)).toEqual(fired(slow));
  });
});

/**
 * The same on made-up incidents: every fact the rules read, present or not, with values drawn from what the
 * conditions compare them with (their tags, thresholds and a little either side, fragments of the patterns
 * they match), so that rules fire, fail and half-match in every combination the corpora never show.
 */
describe('the compiled evaluator agrees with json-rules-engine on generated facts', () => {
  const reference = createReferenceEvaluator(core.ruleSet);
  const strings = new Map<string, Set<string>>();
  const numbers = new Map<string, Set<number>>();
  const lists = new Set<string>();
  const texts = new Map<string, Set<string>>();
  const booleans = new Set<string>();
  const LIST_OPERATORS = new Set([
    'containsAny',
    'containsAll',
    'containsNone',
    'contains',
    'doesNotContain',
  ]);
  const note = <T>(map: Map<string, Set<T>>, fact: string, value: T) => {
    const set = map.get(fact) ?? new Set<T>();
    set.add(value);
    map.set(fact, set);
  };
  const visit = (c: LeafCondition): void => {
    const values: unknown[] = Array.isArray(c.value) ? c.value : [c.value];
    if (LIST_OPERATORS.has(c.operator)) lists.add(c.fact);
    if (c.operator === 'matches') {
      const v = c.value as string | { pattern: string; flags?: string };
      const pattern = typeof v === 'string' ? v : v.pattern;
      for (const lit of requiredLiterals(pattern, typeof v === 'string' ? '' : (v.flags ?? '')) ?? [])
        note(texts, c.fact, lit);
      return;
    }
    for (const v of values) {
      if (typeof v === 'string') note(strings, c.fact, v);
      else if (typeof v === 'boolean') booleans.add(c.fact);
      else if (typeof v === 'number')
        for (const n of [v, v * 0.9, v * 1.1, v + 1, 0]) note(numbers, c.fact, n);
      else if (v && typeof v === 'object' && 'fact' in v) note(numbers, (v as { fact: string }).fact, 60);
    }
  };
  for (const rule of core.ruleSet.rules) forEachLeaf(rule.def.conditions, visit);

  const arbitraries: Record<string, fc.Arbitrary<FactValue>> = {};
  for (const [fact, set] of strings) {
    const tags = [...set, 'something-else'];
    arbitraries[fact] = lists.has(fact)
      ? fc.uniqueArray(fc.constantFrom(...tags), { maxLength: Math.min(4, tags.length) })
      : fc.constantFrom(...tags);
  }
  for (const [fact, set] of numbers) {
    const values = [...set];
    arbitraries[fact] ??= lists.has(fact)
      ? fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: 3 })
      : fc.oneof(fc.constantFrom(...values), fc.double({ min: 0, max: 100_000, noNaN: true }));
  }
  for (const fact of booleans) arbitraries[fact] ??= fc.boolean();
  for (const [fact, set] of texts) {
    const fragments = [...set, 'ok', 'GET /health 200', '\n'];
    arbitraries[fact] ??= fc
      .array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(' '));
  }
  const factsArb = fc.record(
    Object.fromEntries(Object.entries(arbitraries).map(([k, a]) => [k, fc.option(a, { nil: undefined })])),
  );

  it('has facts to vary', () => {
    expect(Object.keys(arbitraries).length).toBeGreaterThan(50);
  });

  it('fires the same rules with the same matched values', async () => {
    const firedIds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(factsArb, async (generated) => {
        const facts: FactMap = {};
        for (const [k, v] of Object.entries(generated)) if (v !== undefined) facts[k] = v as FactValue;
        const fast = await core.evaluator.evaluate(facts);
        const slow = await reference.evaluate(facts);
        const fired = (o: typeof fast) => o.fired.map((f) => `${f.rule.def.id} [${f.matched.join(', ')}]`);
        expect(fired(fast)).toEqual(fired(slow));
        for (const f of slow.fired) firedIds.add(f.rule.def.id);
      }),
      { numRuns: 300 },
    );
    // The generated incidents reach a good share of the rules, not only the easy ones.
    expect(firedIds.size).toBeGreaterThan(core.ruleSet.rules.length / 4);
  });
});
