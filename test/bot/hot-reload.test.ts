import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../src/compose.js';
import { waitFor } from '../support/wait-for.js';
import { type Product, sample, startProduct } from './support/product.js';

/** Rules edited under the running bot: the next diagnosis uses them; a broken edit keeps the old set. */

let dir: string;
let product: Product;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reset-doctor-rules-'));
  await cp(DEFAULT_RULES_DIR, dir, { recursive: true });
  product = await startProduct({ RULES_DIR: dir });
});
afterAll(async () => {
  await product?.stop();
  await rm(dir, { recursive: true, force: true });
});

const INCIDENT = {
  log: 'Error: socket hang up\n  code: ECONNRESET\nfrobnicator v2.3 panicked in the pool',
  context: 'payments calling ledger',
};

const RULE = {
  $schema: '../schema/rules.schema.json',
  description: 'A local rule under test.',
  rules: [
    {
      id: 'local.frobnicator-bug',
      cause: 'software-bug',
      title: 'The frobnicator library panics in its pool',
      weight: 6,
      conditions: { all: [{ fact: 'log.text', operator: 'matches', value: 'frobnicator v2\\.3 panicked' }] },
      evidence: 'the frobnicator 2.3 pool panic is in the log',
      nextSteps: [{ why: 'upgrade the library', command: 'npm ls frobnicator' }],
    },
  ],
};

let n = 0;
async function diagnose() {
  const submit = product.assembled.bot.context.submit;
  if (!submit) throw new Error('no intake');
  n++;
  const { incidentId } = await submit({ source: 'test', key: `reload-${n}`, incident: INCIDENT });
  return waitFor(`the diagnosis of ${incidentId}`, async () => {
    const record = await product.assembled.bot.store.get(incidentId);
    return record?.delivery ? record.diagnosis : undefined;
  });
}

const reloads = (msg: RegExp) => product.logs.lines.filter((l) => msg.test(String(l.msg)));

describe('hot reload under the running bot', () => {
  it('a rule added to RULES_DIR serves the next diagnosis; a broken edit is logged and the set in service stays', async () => {
    const before = await diagnose();
    expect(before.hypotheses.flatMap((h) => h.rules)).not.toContain('local.frobnicator-bug');

    await writeFile(join(dir, 'zz-local.json'), JSON.stringify(RULE, null, 2));
    await waitFor('the reload', () => reloads(/^rules reloaded/).length === 1 || undefined, 10_000);
    const after = await diagnose();
    expect(after.rulesVersion).not.toBe(before.rulesVersion);
    expect(after.hypotheses[0]?.cause).toBe('software-bug');
    expect(after.hypotheses[0]?.rules).toContain('local.frobnicator-bug');

    // An editor saving half a file: refused, each problem logged with its file, the set in service stays.
    await writeFile(join(dir, 'zz-local.json'), '{"rules": [{"id": "local.frobnicator-bug", ');
    await waitFor('the refusal', () => reloads(/^rules reload refused/).length >= 2 || undefined, 10_000);
    const problem = reloads(/^rules reload refused: /)[0];
    expect(String(problem?.file)).toContain('zz-local.json');
    expect(problem?.level).toBe('error');
    const kept = await diagnose();
    expect(kept.rulesVersion).toBe(after.rulesVersion);
    expect(kept.hypotheses[0]?.rules).toContain('local.frobnicator-bug');
    expect(reloads(/^rules reloaded/)).toHaveLength(1);

    const metrics = await product.metrics();
    expect(sample(metrics, 'reset_doctor_rule_hits_total', { rule: 'local.frobnicator-bug' })).toBe(2);
  });
});
