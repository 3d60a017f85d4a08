/**
 * `npm run schema`: writes the JSON Schemas (schema/*.schema.json) and the generated reference sections of
 * docs/rules.md from the code and the catalogue. `--check` writes nothing and exits 1 when a file is stale
 * (test/rules/generated-artifacts.test.ts does the same in CI).
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_FACTS } from '../src/core/facts/builtin-facts.js';
import { MetricCatalogueSchema } from '../src/core/facts/metric-catalogue.js';
import { fillGeneratedSections, ruleReferenceSections } from '../src/core/render/render-rule-reference.js';
import { metricsJsonSchema, overridesJsonSchema, rulesJsonSchema } from '../src/core/rules/json-schemas.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Artifact {
  readonly path: string;
  readonly content: string;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Markdown goes through the project's formatter, so `biome check` and the generator agree on the bytes. */
function formatMarkdown(root: string, path: string, content: string): string {
  const r = spawnSync(join(root, 'node_modules/.bin/biome'), ['format', `--stdin-file-path=${path}`], {
    cwd: root,
    input: content,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`biome format ${path} failed: ${r.stderr}`);
  return r.stdout;
}

export async function generateArtifacts(root = ROOT): Promise<Artifact[]> {
  const catalogue = MetricCatalogueSchema.parse(
    JSON.parse(await readFile(join(root, 'catalogue/metrics.json'), 'utf8')) as unknown,
  );
  const factNames = [...BUILTIN_FACTS.map((f) => f.name), ...catalogue.facts.map((f) => f.name)];
  const doc = await readFile(join(root, 'docs/rules.md'), 'utf8');
  return [
    { path: 'schema/rules.schema.json', content: json(rulesJsonSchema(factNames)) },
    { path: 'schema/overrides.schema.json', content: json(overridesJsonSchema()) },
    { path: 'schema/metrics.schema.json', content: json(metricsJsonSchema()) },
    {
      path: 'docs/rules.md',
      content: formatMarkdown(
        root,
        'docs/rules.md',
        fillGeneratedSections(doc, ruleReferenceSections(catalogue)),
      ),
    },
  ];
}

async function current(root: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const a of await generateArtifacts()) {
    if ((await current(ROOT, a.path)) === a.content) continue;
    stale++;
    if (check) console.error(`stale: ${a.path} (run npm run schema)`);
    else {
      await mkdir(dirname(join(ROOT, a.path)), { recursive: true });
      await writeFile(join(ROOT, a.path), a.content);
      console.log(`wrote ${a.path}`);
    }
  }
  if (check && stale > 0) process.exitCode = 1;
}
