import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalogue } from '../../src/adapters/catalogue/read-catalogue.js';
import { createRegexSafetyCheck } from '../../src/adapters/regex/check-regex-safety.js';
import { readOverridesSource } from '../../src/adapters/rule-files/read-overrides-source.js';
import { readRuleSources } from '../../src/adapters/rule-files/read-rule-sources.js';
import { DEFAULT_CATALOGUE, DEFAULT_RULES_DIR } from '../../src/compose.js';
import { buildFactCatalogue } from '../../src/core/facts/fact-catalogue.js';
import type { RuleProblem } from '../../src/core/rules/compile-rules.js';
import { lintRules } from '../../src/core/rules/lint-rules.js';

const BROKEN = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));
const facts = buildFactCatalogue(await readCatalogue(DEFAULT_CATALOGUE));
const checkRegex = createRegexSafetyCheck();
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function lintDir(dir: string): Promise<RuleProblem[]> {
  const [sources, overrides] = await Promise.all([readRuleSources(dir), readOverridesSource(dir)]);
  return lintRules({ sources, ...(overrides ? { overrides } : {}), facts, checkRegex });
}

/** The purpose-broken fixtures, plus a file that is not JSON and a bad overrides.json (biome would reject them in the repository). */
async function brokenDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rd-lint-'));
  dirs.push(dir);
  await cp(BROKEN, dir, { recursive: true });
  await writeFile(join(dir, 'not-json.json'), '{ "rules": [ { "id": "x.y", } ] }');
  await writeFile(
    join(dir, 'overrides.json'),
    JSON.stringify({
      overrides: [
        { name: 'typo', match: { service: 'legacy-*' }, weights: { 'broken.no-such-rule': 0 } },
        { name: 'glob', disable: ['nothing.*'] },
        { name: 'threshold', thresholds: { 'broken.duplicate': { cpu_usage_ratio: 0.9 } } },
      ],
    }),
  );
  return dir;
}

const problems = await lintDir(await brokenDir());

function find(file: string, path: string, pattern: RegExp): RuleProblem | undefined {
  return problems.find((p) => p.file.endsWith(`/${file}`) && p.path === path && pattern.test(p.message));
}

describe('rules lint on purpose-broken fixtures', () => {
  it.each([
    ['invalid JSON', 'not-json.json', '$', /invalid JSON/],
    [
      'unknown operator',
      'schema-problems.json',
      '$.rules[0].conditions.all[0].operator',
      /unknown operator "greaterThen".*greaterThan/,
    ],
    [
      'cause outside the vocabulary',
      'schema-problems.json',
      '$.rules[1].cause',
      /"dns-failure" is not a cause/,
    ],
    [
      'unknown fact (in a rule that failed the schema elsewhere in its file)',
      'schema-problems.json',
      '$.rules[2].conditions.all[0].fact',
      /unknown fact "log.exitCode".*log.exitCodes/,
    ],
    [
      'unknown fact',
      'meaning-problems.json',
      '$.rules[0].conditions.all[0].fact',
      /unknown fact "cpu_usage_ration"/,
    ],
    [
      'unknown fact in a fact reference',
      'meaning-problems.json',
      '$.rules[0].conditions.all[1].value.fact',
      /unknown fact "config.middleboxIdle"/,
    ],
    [
      'duplicate id',
      'z-duplicate.json',
      '$.rules[0].id',
      /duplicate rule id "broken.duplicate".*meaning-problems.json/,
    ],
    [
      'contradictory numbers under one all',
      'meaning-problems.json',
      '$.rules[1].conditions.all[2]',
      /no number is > 5 and < 3.*\$\.rules\[1\]\.conditions\.all\[0\]/,
    ],
    [
      'contradictory tags under a nested all',
      'meaning-problems.json',
      '$.rules[2].conditions.any[0].all[1]',
      /"crash" is both required and excluded/,
    ],
    [
      'title placeholder that is not a fact',
      'meaning-problems.json',
      '$.rules[3].title',
      /\{\{log.exitCodez\}\} is not a fact/,
    ],
    [
      'evidence quoting a fact too large to quote',
      'meaning-problems.json',
      '$.rules[3].evidence',
      /\{\{log.text\}\} is too large/,
    ],
    [
      'placeholder inside single quotes',
      'meaning-problems.json',
      '$.rules[3].nextSteps[0].command',
      /\{\{pod\}\} is inside single quotes/,
    ],
    [
      'placeholder inside double quotes',
      'meaning-problems.json',
      '$.rules[3].nextSteps[1].command',
      /\{\{pod\}\} is inside double quotes/,
    ],
    ['unquoted $VAR', 'meaning-problems.json', '$.rules[3].nextSteps[2].command', /\$POD is not quoted/],
    [
      'command placeholder that does not exist',
      'meaning-problems.json',
      '$.rules[3].nextSteps[3].command',
      /\{\{pods\}\} cannot be filled.*"pod"/,
    ],
    [
      'unsafe matches regex',
      'meaning-problems.json',
      '$.rules[5].conditions.all[0].value',
      /unsafe regular expression/,
    ],
    [
      'operator that does not fit the fact',
      'meaning-problems.json',
      '$.rules[6].conditions.all[0].operator',
      /greaterThan compares numbers, but classes is string\[\]/,
    ],
    [
      'between with low above high',
      'meaning-problems.json',
      '$.rules[6].conditions.all[1].value',
      /low is above high/,
    ],
    [
      'test expecting a rule that does not exist',
      'meaning-problems.json',
      '$.tests[0].expect.fires[0]',
      /no rule has the id "broken.no-such-rule"/,
    ],
    [
      'unknown fact inside a shared condition, at the shared condition',
      'shared-problems.json',
      '$.conditions["failure-seen"].any[1].fact',
      /unknown fact "words.hintz".*words.hints/,
    ],
    [
      'reference to a shared condition that does not exist',
      'shared-problems.json',
      '$.rules[0].conditions.all[0].condition',
      /no shared condition is named "failure-sen".*failure-seen/,
    ],
    [
      'reference to a shared step that does not exist',
      'shared-problems.json',
      '$.rules[0].nextSteps[0].step',
      /no shared step is named "catch-rts".*catch-rst/,
    ],
    [
      'placeholder inside quotes in a shared step, at the shared step',
      'shared-problems.json',
      '$.steps["quoted-port"].command',
      /quote/,
    ],
    [
      'contradiction spanning a shared condition and the rule',
      'shared-problems.json',
      '$.rules[1].conditions.all[1]',
      /no number is > 5 and < 3.*\$\.rules\[1\]\.conditions\.all\[0\]/,
    ],
    [
      'override naming an unknown rule',
      'overrides.json',
      '$.overrides[0].weights["broken.no-such-rule"]',
      /unknown rule id/,
    ],
    ['override glob that matches no rule', 'overrides.json', '$.overrides[1].disable[0]', /matches no rule/],
    [
      'threshold no condition can take',
      'overrides.json',
      '$.overrides[2].thresholds["broken.duplicate"].cpu_usage_ratio',
      /has no condition on cpu_usage_ratio/,
    ],
  ])('reports %s as an error with file and path', (_, file, path, pattern) => {
    const p = find(file, path, pattern);
    expect(
      p,
      `${file} ${path} ${pattern}\n${problems.map((x) => `${x.file} ${x.path} ${x.message}`).join('\n')}`,
    ).toBeDefined();
    expect(p?.severity).toBe('error');
  });

  it('warns about a tag value outside the documented vocabulary', () => {
    const p = find(
      'meaning-problems.json',
      '$.rules[4].conditions.all[0].value[0]',
      /"stale-conection" is not a documented value of classes.*stale-connection/,
    );
    expect(p?.severity).toBe('warning');
    expect(problems.some((x) => x.path === '$.rules[4].conditions.all[0].value[1]')).toBe(false);
  });

  it('warns about a shared condition no rule uses, and reports a shared problem once', () => {
    expect(find('shared-problems.json', '$.conditions["never-used"]', /no rule uses/)?.severity).toBe(
      'warning',
    );
    // named only by an unused shared condition: no rule uses it either
    expect(find('shared-problems.json', '$.conditions["only-in-unused"]', /no rule uses/)?.severity).toBe(
      'warning',
    );
    expect(problems.filter((p) => /words\.hintz/.test(p.message))).toHaveLength(1);
    expect(
      find('shared-problems.json', '$.steps["never-listed"]', /no rule uses the shared step/)?.severity,
    ).toBe('warning');
    // a shared step's problem is reported where it is written, not again at each rule that lists it
    expect(
      problems.filter((p) => /quote/.test(p.message) && p.file.endsWith('shared-problems.json')),
    ).toHaveLength(1);
    expect(find('shared-problems.json', '$.steps["catch-rst"]', /./)).toBeUndefined();
    expect(
      problems.filter((p) => p.path.startsWith('$.rules[2]') && p.file.endsWith('shared-problems.json')),
    ).toEqual([]);
  });

  it('warns about a negative test on a fact that may be missing, and only there', () => {
    const rule = '$.rules[8].conditions';
    const p = find(
      'meaning-problems.json',
      `${rule}.all[1]`,
      /log\.classes containsNone fails when log\.classes was not read/,
    );
    expect(p?.severity).toBe('warning');
    const others = problems.filter(
      (x) => x.file.endsWith('meaning-problems.json') && x.path.startsWith(rule),
    );
    expect(others.map((x) => x.path)).toEqual([`${rule}.all[1]`]);
  });

  it('reports nothing about the parts that are right', () => {
    expect(
      problems.filter((p) => p.path.startsWith('$.rules[7]') && p.file.endsWith('meaning-problems.json')),
    ).toEqual([]);
  });
});

describe('rules lint on the shipped rules', () => {
  it('finds no errors', async () => {
    const errors = (await lintDir(DEFAULT_RULES_DIR)).filter((p) => p.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('finds no errors in the worked example of docs/rules.md (with the shipped rules)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rd-example-'));
    dirs.push(dir);
    await cp(DEFAULT_RULES_DIR, dir, { recursive: true });
    await cp(
      fileURLToPath(new URL('../../docs/examples/redis-timeout.json', import.meta.url)),
      join(dir, 'redis-timeout.json'),
    );
    await cp(
      fileURLToPath(new URL('../../docs/examples/overrides.json', import.meta.url)),
      join(dir, 'overrides.json'),
    );
    expect((await lintDir(dir)).filter((p) => p.severity === 'error')).toEqual([]);
  });
});
