import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BatchLineSchema, type Incident, unwrapBatchLine } from '../../src/core/model/incident.js';
import { createReferenceEvaluator } from '../../src/core/rules/evaluate-rules.js';
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
