import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from '../../src/adapters/catalogue/read-catalogue.js';
import { compileSnapshot } from '../../src/adapters/rule-files/load-rules.js';
import { readRuleSources } from '../../src/adapters/rule-files/read-rule-sources.js';
import { coreFromSnapshot, DEFAULT_CATALOGUE, DEFAULT_RULES_DIR } from '../../src/compose.js';
import type { DiagnosisCore } from '../../src/core/diagnose.js';
import type { Incident } from '../../src/core/model/incident.js';
import { renderText } from '../../src/core/render/render-text.js';
import { compileOverrides } from '../../src/core/rules/compile-overrides.js';
import { compileRules } from '../../src/core/rules/compile-rules.js';
import { createRuleEvaluator } from '../../src/core/rules/evaluate-rules.js';
import { runOverrideTests } from '../../src/core/rules/run-rule-tests.js';
import { createOverrideSelector } from '../../src/core/rules/select-overrides.js';

const catalogue = await readCatalogue(DEFAULT_CATALOGUE);
const sources = await readRuleSources(DEFAULT_RULES_DIR);
const EXAMPLE = new URL('../../docs/examples/overrides.json', import.meta.url);

function coreWith(overrides: unknown): DiagnosisCore {
  const r = compileSnapshot('rules', sources, { file: 'rules/overrides.json', json: overrides });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return coreFromSnapshot(r.snapshot, catalogue);
}

const plain = coreWith({ overrides: [] });
const example = coreWith(JSON.parse(await readFile(EXAMPLE, 'utf8')) as unknown);

const albNode: Incident = {
  log: 'Error: socket hang up\n    at connResetException (node:internal/errors:720:14)\n',
  context: 'Express app behind an AWS ALB, small rate of 502s',
};

async function fired(core: DiagnosisCore, incident: Incident): Promise<string[]> {
  return (await core.trace(incident)).outcome.fired.map((f) => f.rule.def.id);
}

describe('per-service overrides', () => {
  it('runs the cases of docs/examples/overrides.json', async () => {
    const results = await runOverrideTests(example);
    expect(results).toHaveLength(3);
    expect(results.flatMap((r) => r.failures)).toEqual([]);
  });

  it('switches a rule off (weight 0) only for the services that match', async () => {
    expect(await fired(example, { ...albNode, service: 'orders' })).toContain('keepalive.node-behind-lb');
    expect(await fired(example, { ...albNode, service: 'legacy-billing' })).not.toContain(
      'keepalive.node-behind-lb',
    );
    const d = await example.diagnose({ ...albNode, service: 'legacy-billing' });
    expect(d.overrides).toEqual(['legacy-node']);
    expect(d.hypotheses.flatMap((h) => h.rules)).not.toContain('keepalive.node-behind-lb');
    expect((await example.diagnose({ ...albNode, service: 'orders' })).overrides).toBeUndefined();
    expect(renderText(d, { color: false })).toMatch(
      new RegExp(`rules ${example.version} \\(overrides: legacy-node\\) · `),
    );
  });

  it('replaces a weight in the ranking', async () => {
    const core = coreWith({
      overrides: [
        { name: 'stronger', match: { service: 'orders' }, weights: { 'keepalive.node-behind-lb': 6 } },
      ],
    });
    const base = await plain.diagnose({ ...albNode, service: 'orders' });
    const d = await core.diagnose({ ...albNode, service: 'orders' });
    const weightOf = (x: typeof d) =>
      x.hypotheses.flatMap((h) => h.evidence).find((e) => e.rule === 'keepalive.node-behind-lb')?.weight;
    expect(weightOf(base)).toBe(3.8);
    expect(weightOf(d)).toBe(6);
    expect(d.hypotheses[0]?.confidence).toBeGreaterThan(base.hypotheses[0]?.confidence ?? 1);
  });

  it('replaces a threshold for one namespace', async () => {
    const incident: Incident = {
      log: 'Error: read ECONNRESET\n',
      metrics: { cpu_usage_ratio: 0.92 },
      service: 'x',
    };
    expect(await fired(example, { ...incident, namespace: 'shop' })).toContain('overload.cpu');
    expect(await fired(example, { ...incident, namespace: 'etl-nightly' })).not.toContain('overload.cpu');
    expect(
      await fired(example, { ...incident, namespace: 'etl-nightly', metrics: { cpu_usage_ratio: 0.98 } }),
    ).toContain('overload.cpu');
  });

  it('disables rules by glob and says so in "why not"', async () => {
    const core = coreWith({ overrides: [{ name: 'no-node-lb', disable: ['keepalive.node-*'] }] });
    expect(await fired(core, albNode)).not.toContain('keepalive.node-behind-lb');
    const w = await core.whyNot(albNode, 'keepalive-mismatch');
    const rule = w.rules.find((r) => r.id === 'keepalive.node-behind-lb');
    expect(rule?.status).toBe('disabled');
    expect(rule?.disabledBy).toBe('no-node-lb');
    expect(w.overrides).toEqual(['no-node-lb']);
  });

  it('folds the overrides into the rules version', async () => {
    expect(example.version).not.toBe(example.ruleSet.version);
    expect((await example.diagnose(albNode)).rulesVersion).toBe(example.version);
    expect(coreWith({ overrides: [] }).version).toBe(plain.version);
  });

  it('reuses the shared engines for weight changes and builds threshold engines once', () => {
    const compiled = compileRules(sources);
    if (!compiled.ok) throw new Error('shipped rules do not compile');
    const base = createRuleEvaluator(compiled.ruleSet);
    const o = compileOverrides(
      'overrides.json',
      {
        overrides: [
          { name: 'w', match: { service: 'a-*' }, weights: { 'keepalive.node-behind-lb': 1 } },
          {
            name: 't',
            match: { namespace: 'batch' },
            thresholds: { 'overload.cpu': { cpu_usage_ratio: 0.99 } },
          },
        ],
      },
      compiled.ruleSet,
    );
    if (!o.ok) throw new Error(JSON.stringify(o.problems));
    const select = createOverrideSelector(compiled.ruleSet, base, o.overrides);
    expect(select({}).evaluator).toBe(base);
    expect(select({ service: 'a-1' }).evaluator).toBe(base);
    const t1 = select({ service: 'x', namespace: 'batch' });
    expect(t1.evaluator).not.toBe(base);
    expect(select({ service: 'y', namespace: 'batch' })).toBe(t1);
    expect(select({ service: 'a-2', namespace: 'batch' }).evaluator).not.toBe(t1.evaluator);
  });

  it.each([
    [{ overrides: [{ name: 'x', weights: { 'no.such-rule': 1 } }] }, /unknown rule id "no.such-rule"/],
    [{ overrides: [{ name: 'x', disable: ['zzz.*'] }] }, /matches no rule/],
    [
      { overrides: [{ name: 'x', thresholds: { 'overload.cpu': { cpu_usage_ratio: [1, 2] } } }] },
      /no between condition/,
    ],
    [{ overrides: [{ name: 'x' }, { name: 'x' }] }, /duplicate override name/],
    [{ overrides: [{ name: 'x', match: { colour: 'red' } }] }, /Unrecognized key/],
  ])('refuses a broken overrides file: %j', (json, message) => {
    const r = compileSnapshot('rules', sources, { file: 'rules/overrides.json', json });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message).join('\n')).toMatch(message);
  });
});
