import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR, loadCore, PACKAGE_ROOT } from '../../src/compose.js';
import type { Incident } from '../../src/core/model/incident.js';
import { IncidentSchema } from '../../src/core/model/incident.js';
import { runCli } from '../support/run-cli.js';

const dir = await mkdtemp(join(tmpdir(), 'rd-rules-cli-'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const BROKEN = fileURLToPath(new URL('../rules/fixtures/broken/', import.meta.url));

describe('reset-doctor rules lint', () => {
  it('passes the shipped rules (exit 0)', async () => {
    const r = await runCli(['rules', 'lint']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 errors|no problems/);
  });

  it('reports broken rules with file and JSON path (exit 1)', async () => {
    const r = await runCli(['rules', 'lint', BROKEN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/meaning-problems\.json\n/);
    expect(r.stdout).toMatch(
      /error {3}\$\.rules\[0\]\.conditions\.all\[0\]\.fact {2}unknown fact "cpu_usage_ration"/,
    );
    expect(r.stdout).toMatch(
      /schema-problems\.json\n {2}error {3}\$\.rules\[0\]\.conditions\.all\[0\]\.operator {2}unknown operator/,
    );
    expect(r.stdout).toMatch(/\d+ errors, \d+ warnings in 4 files/);
  });

  it('prints problems as JSON', async () => {
    const r = await runCli(['rules', 'lint', BROKEN, '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      files: number;
      problems: { file: string; path: string; severity: string }[];
    };
    expect(out.files).toBe(4);
    expect(out.problems.some((p) => p.path === '$.rules[1].cause' && p.severity === 'error')).toBe(true);
  });

  it('fails on warnings with --strict', async () => {
    const d = join(dir, 'warn-only');
    await cp(join(BROKEN, 'z-duplicate.json'), join(d, 'only.json'), { recursive: true });
    const json = JSON.parse(await readFile(join(d, 'only.json'), 'utf8')) as {
      rules: { conditions: unknown }[];
    };
    const rule = json.rules[0];
    if (rule)
      rule.conditions = { all: [{ fact: 'classes', operator: 'containsAny', value: ['no-such-class'] }] };
    await writeFile(join(d, 'only.json'), JSON.stringify(json));
    expect((await runCli(['rules', 'lint', d])).code).toBe(0);
    expect((await runCli(['rules', 'lint', d, '--strict'])).code).toBe(1);
  });

  it('exits 2 when the directory cannot be read', async () => {
    const r = await runCli(['rules', 'lint', join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read rules/);
  });
});

describe('reset-doctor rules test', () => {
  it('runs every shipped case (exit 0)', async () => {
    const core = await loadCore();
    const r = await runCli(['rules', 'test']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${core.ruleSet.tests.length} passed`));
    expect(r.stdout.match(/^✓ /gm)).toHaveLength(core.ruleSet.tests.length);
  });

  it('names a failing case and its reason (exit 1)', async () => {
    const d = join(dir, 'failing');
    await cp(DEFAULT_RULES_DIR, d, { recursive: true });
    const file = join(d, 'crash.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { tests: unknown[] };
    json.tests.push({
      name: 'a conntrack log is not a crash',
      incident: { log: 'nf_conntrack: table full, dropping packet' },
      expect: { top: 'crash' },
    });
    await writeFile(file, JSON.stringify(json));
    const r = await runCli(['rules', 'test', d, '--json']);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { name: string; passed: boolean; failures: string[] }[];
    const failed = results.filter((x) => !x.passed);
    expect(failed.map((x) => x.name)).toEqual(['a conntrack log is not a crash']);
    expect(failed[0]?.failures[0]).toMatch(/expected crash first, got conntrack-exhaustion/);
  });
});

describe('reset-doctor diagnose --explain', () => {
  const log = 'Error: socket hang up\n    at connResetException (node:internal/errors:720:14)\n';
  it('explains a cause by alias', async () => {
    const r = await runCli(
      ['diagnose', '--log', '-', '--context', 'Express app behind an AWS ALB', '--explain', 'oom'],
      { stdin: log },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^why not memory-oom\?/);
    expect(r.stdout).toMatch(/memory-oom\.json \$\.rules\[\d+\]/);
  });

  it('gives the same as JSON', async () => {
    const r = await runCli(
      ['diagnose', '--log', '-', '--explain', 'keepalive-mismatch', '--format', 'json'],
      { stdin: log },
    );
    expect(r.code).toBe(0);
    const w = JSON.parse(r.stdout) as {
      cause: string;
      rules: { id: string; conditions: { path: string }[] }[];
    };
    expect(w.cause).toBe('keepalive-mismatch');
    expect(w.rules.length).toBeGreaterThan(5);
    expect(w.rules[0]?.conditions[0]?.path).toMatch(/^\$\.rules\[\d+\]\.conditions/);
  });

  it('refuses an unknown cause (exit 2)', async () => {
    const r = await runCli(['diagnose', '--log', '-', '--explain', 'dns'], { stdin: log });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"dns" is not a cause/);
  });

  it('keeps log.text out of the diagnosis JSON', async () => {
    const r = await runCli(['diagnose', '--log', '-', '--format', 'json'], { stdin: log });
    const d = JSON.parse(r.stdout) as { facts: Record<string, unknown> };
    expect(d.facts['log.signatures']).toBeDefined();
    expect(d.facts['log.text']).toBeUndefined();
  });
});

/** Incidents the repository always has: the examples and every rule file's test cases (plus the corpus when present). */
async function incidentsFile(): Promise<string> {
  const lines: string[] = [];
  const examples = join(PACKAGE_ROOT, 'examples');
  for (const f of (await readdir(examples)).filter((n) => n.endsWith('.json')).sort()) {
    const raw = JSON.parse(await readFile(join(examples, f), 'utf8')) as { incident?: unknown };
    lines.push(JSON.stringify({ id: `example:${f}`, input: IncidentSchema.parse(raw.incident ?? raw) }));
  }
  const core = await loadCore();
  core.ruleSet.tests.forEach((t, i) => {
    lines.push(JSON.stringify({ ...t.test.incident, id: `test:${i}` }));
  });
  const corpus = process.env.RESET_DOCTOR_CORPUS ?? join(PACKAGE_ROOT, '..', 'shared', 'corpus', 'dev.jsonl');
  if (existsSync(corpus)) lines.push(...(await readFile(corpus, 'utf8')).split('\n').filter((l) => l.trim()));
  const file = join(dir, 'incidents.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('reset-doctor rules backtest', () => {
  it('prints exactly the incidents whose top answer changed when one weight changes', async () => {
    const candidate = join(dir, 'candidate');
    await cp(DEFAULT_RULES_DIR, candidate, { recursive: true });
    const file = join(candidate, 'keepalive-mismatch.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as { rules: { id: string; weight: number }[] };
    const rule = json.rules.find((r) => r.id === 'keepalive.node-behind-lb');
    if (!rule) throw new Error('the rule this test changes is gone');
    rule.weight = -4;
    await writeFile(file, JSON.stringify(json));
    const incidents = incidentsFile();

    // What the backtest must find, computed here independently.
    const [base, cand, path] = await Promise.all([loadCore(), loadCore({ rulesDir: candidate }), incidents]);
    const expected: string[] = [];
    for (const line of (await readFile(path, 'utf8')).split('\n').filter(Boolean)) {
      const raw = JSON.parse(line) as { id: string; input?: Incident };
      const incident = IncidentSchema.parse(raw.input ?? raw);
      const a = (await base.diagnose(incident)).hypotheses[0]?.cause;
      const b = (await cand.diagnose(incident)).hypotheses[0]?.cause;
      if (a !== b) expected.push(raw.id);
    }
    expect(expected.length).toBeGreaterThan(0);

    const r = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--candidate',
      candidate,
      '--incidents',
      path,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`top answer changed in ${expected.length} incident`));
    const printed = r.stdout
      .split('\n')
      .filter((l) => / → /.test(l) && /^ {2}\S/.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(printed).toEqual(expected);
    expect(r.stdout).toMatch(/keepalive-mismatch \d+ % → /);

    const j = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--candidate',
      candidate,
      '--incidents',
      path,
      '--json',
    ]);
    const report = JSON.parse(j.stdout) as {
      changes: { id: string; verdict: string }[];
      lost: number;
      labelled: number;
    };
    expect(report.changes.map((c) => c.id)).toEqual(expected);
    const lossy = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--candidate',
      candidate,
      '--incidents',
      path,
      '--fail-on-loss',
    ]);
    expect(lossy.code).toBe(report.lost > 0 ? 1 : 0);
  });

  it('reports no change between identical rule sets', async () => {
    const path = join(dir, 'two.jsonl');
    await writeFile(
      path,
      '{"log":"connect EADDRNOTAVAIL 10.0.0.5:443"}\n{"id":"c1","input":{"log":"nf_conntrack: table full, dropping packet"},"label":{"primary":"conntrack-exhaustion"}}\n',
    );
    const r = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--candidate',
      DEFAULT_RULES_DIR,
      '--incidents',
      path,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 incidents, 1 labelled/);
    expect(r.stdout).toMatch(/no incident changed its top answer/);
    expect(r.stdout).toMatch(/baseline rules ([0-9a-f]{12}) → candidate rules \1\n/);
    expect(r.stdout).toMatch(/top-1 1\/1 \(100\.0 %\) → 1\/1 \(100\.0 %\)/);
  });

  it('names the line of an incidents file it cannot read (exit 2)', async () => {
    const path = join(dir, 'bad.jsonl');
    await writeFile(path, '{"log":"x"}\n{"nope": \n');
    const r = await runCli(['rules', 'backtest', '--baseline', DEFAULT_RULES_DIR, '--incidents', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:2: invalid JSON/);
  });
});
