import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateArtifacts, ROOT } from '../../scripts/generate-artifacts.js';

/** The JSON Schemas and the reference tables of docs/rules.md are generated; CI fails when they drift. */
const artifacts = await generateArtifacts();

describe('generated files are up to date (npm run schema)', () => {
  it.each(artifacts.map((a) => [a.path, a] as const))('%s', async (path, a) => {
    const onDisk = await readFile(join(ROOT, path), 'utf8');
    expect(onDisk === a.content, `${path} is stale: run npm run schema`).toBe(true);
  });

  it('every shipped rule file and the catalogue point at their schema', async () => {
    const { readdir } = await import('node:fs/promises');
    for (const f of (await readdir(join(ROOT, 'rules'))).filter((n) => n.endsWith('.json'))) {
      const json = JSON.parse(await readFile(join(ROOT, 'rules', f), 'utf8')) as { $schema?: unknown };
      expect(json.$schema, f).toBe(
        f === 'overrides.json' ? '../schema/overrides.schema.json' : '../schema/rules.schema.json',
      );
    }
    const cat = JSON.parse(await readFile(join(ROOT, 'catalogue/metrics.json'), 'utf8')) as {
      $schema?: unknown;
    };
    expect(cat.$schema).toBe('../schema/metrics.schema.json');
  });
});

describe('the JSON Schemas validate what editors will see', async () => {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const { readdir } = await import('node:fs/promises');
  const load = async (p: string) =>
    JSON.parse(await readFile(join(ROOT, p), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const rules = ajv.compile(await load('schema/rules.schema.json'));
  const overrides = ajv.compile(await load('schema/overrides.schema.json'));
  const metrics = ajv.compile(await load('schema/metrics.schema.json'));

  it.each((await readdir(join(ROOT, 'rules'))).filter((n) => n.endsWith('.json') && n !== 'overrides.json'))(
    'rules/%s is valid',
    async (f) => {
      expect(rules(await load(`rules/${f}`)), JSON.stringify(rules.errors)).toBe(true);
    },
  );

  it('docs/examples are valid', async () => {
    expect(rules(await load('docs/examples/redis-timeout.json')), JSON.stringify(rules.errors)).toBe(true);
    expect(overrides(await load('docs/examples/overrides.json')), JSON.stringify(overrides.errors)).toBe(
      true,
    );
  });

  it('catalogue/metrics.json is valid', async () => {
    expect(metrics(await load('catalogue/metrics.json')), JSON.stringify(metrics.errors)).toBe(true);
  });

  it.each([
    ['an unknown operator', { fact: 'classes', operator: 'greaterThen', value: 1 }],
    ['an extra field', { fact: 'classes', operator: 'containsAny', value: ['reset'], weight: 1 }],
  ])('rejects %s in a condition', (_, condition) => {
    const file = {
      rules: [{ id: 'a.b', cause: 'crash', weight: 1, conditions: { all: [condition] }, evidence: 'x' }],
    };
    expect(rules(file)).toBe(false);
  });

  it('rejects a cause outside the vocabulary and a weight of 0', () => {
    const rule = {
      id: 'a.b',
      weight: 1,
      conditions: { all: [{ fact: 'x', operator: 'equal', value: 1 }] },
      evidence: 'x',
    };
    expect(rules({ rules: [{ ...rule, cause: 'dns' }] })).toBe(false);
    expect(rules({ rules: [{ ...rule, cause: 'crash', weight: 0 }] })).toBe(false);
    expect(rules({ rules: [{ ...rule, cause: 'crash' }] })).toBe(true);
  });
});
