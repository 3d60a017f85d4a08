import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

const CORPUS = process.env.RESET_DOCTOR_CORPUS
  ? new URL(`file://${process.env.RESET_DOCTOR_CORPUS}`)
  : new URL('../../../shared/corpus/dev.jsonl', import.meta.url);
const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-cli-'));

describe('reset-doctor diagnose', () => {
  it('diagnoses a log from stdin and prints ranked hypotheses', async () => {
    const r = await runCli(
      ['diagnose', '--log', '-', '--context', 'Express app behind an AWS ALB, small rate of 502s'],
      {
        stdin: 'Error: socket hang up\n    at connResetException (node:internal/errors:720:14)\n',
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/most likely keepalive-mismatch/);
    expect(r.stdout).toMatch(/next steps:/);
  });

  it('writes one JSON diagnosis per incident', async () => {
    const file = join(dir, 'incident.json');
    await writeFile(
      file,
      JSON.stringify({ log: 'nf_conntrack: table full, dropping packet', service: 'api' }),
    );
    const r = await runCli(['diagnose', '--incident', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      hypotheses: { cause: string; confidence: number }[];
      rulesVersion: string;
    };
    expect(d.hypotheses[0]?.cause).toBe('conntrack-exhaustion');
    expect(d.rulesVersion).toMatch(/^[0-9a-f]{12}$/);
  });

  it('renders Markdown', async () => {
    const r = await runCli(['diagnose', '--log', '-', '--format', 'markdown'], {
      stdin: 'connect EADDRNOTAVAIL 10.0.0.5:443',
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## reset-doctor: port-exhaustion/);
    expect(r.stdout).toMatch(/```sh/);
  });

  it.each([
    ['empty input', ['diagnose', '--log', '-'], ''],
    [
      'binary garbage',
      ['diagnose', '--log', '-'],
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    ],
    ['invalid incident JSON', ['diagnose', '--incident', '-'], '{"log": '],
    ['an incident that is not an object', ['diagnose', '--incident', '-'], '[1,2,3]'],
    ['an unknown option', ['diagnose', '--no-such-flag'], ''],
    ['an unknown format', ['diagnose', '--format', 'yaml', '--log', '-'], 'x'],
    ['two readers of stdin', ['diagnose', '--log', '-', '--incident', '-'], ''],
    ['a missing file', ['diagnose', '--log', join(dir, 'nope.log')], ''],
  ])('exits 2 with a clear message on %s', async (_, args, stdin) => {
    const r = await runCli(args, { stdin });
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('reads a 50 MB log in bounded memory and warns that it was truncated', async () => {
    const file = join(dir, 'big.log');
    const line =
      '2026-11-24T12:00:00.000Z INFO request completed status=200 durationMs=12 path=/api/orders\n';
    const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length));
    const parts: string[] = [];
    for (let i = 0; i < 50; i++) parts.push(chunk);
    parts.push('Error: connect EADDRNOTAVAIL 10.0.0.5:443 - Local (0.0.0.0:0)\n');
    await writeFile(file, parts.join(''));
    const r = await runCli(['diagnose', '--log', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { warnings: string[]; hypotheses: { cause: string }[] };
    expect(d.warnings.join(' ')).toMatch(/log truncated: 50\.\d MiB given/);
    expect(d.hypotheses[0]?.cause).toBe('port-exhaustion');
  });
});

describe('reset-doctor diagnose --batch', () => {
  it('answers every line in order, with {"error"} for lines it cannot diagnose', async () => {
    const file = join(dir, 'batch.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ input: { log: 'panic: runtime error: index out of range' } }),
        '{not json',
        JSON.stringify({ nothing: true }),
        JSON.stringify({
          log: 'Error: write EPIPE',
          context: 'uploads larger than 10MB fail, smaller ones work',
        }),
      ].join('\n'),
    );
    const r = await runCli(['diagnose', '--batch', file, '--format', 'json']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hypotheses?: { cause: string }[]; error?: string });
    expect(lines).toHaveLength(4);
    expect(lines[0]?.hypotheses?.[0]?.cause).toBe('crash');
    expect(lines[1]?.error).toMatch(/invalid JSON/);
    expect(lines[2]?.error).toMatch(/at least one of/);
    expect(lines[3]?.hypotheses?.[0]?.cause).toBe('unread-data-close');
  });

  it.skipIf(!existsSync(CORPUS))('answers every line of the dev corpus', async () => {
    const r = await runCli(['diagnose', '--batch', CORPUS.pathname, '--format', 'json']);
    expect(r.code).toBe(0);
    const expected = (await readFile(CORPUS, 'utf8')).trim().split('\n').length;
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(expected);
    for (const l of lines) expect(JSON.parse(l)).toHaveProperty('hypotheses');
  });
});

describe('reset-doctor eval', () => {
  it.skipIf(!existsSync(CORPUS))('scores the dev corpus at top-1 >= 75 % and top-3 >= 90 %', async () => {
    const r = await runCli(['eval', CORPUS.pathname, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { top1: number; top3: number; cases: unknown[] };
    expect(report.cases.length).toBeGreaterThan(0);
    expect(report.top1).toBeGreaterThanOrEqual(0.75);
    expect(report.top3).toBeGreaterThanOrEqual(0.9);
  });

  it('prints per-case results, top-1 / top-3 and confusions', async () => {
    const file = join(dir, 'corpus.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({
          id: 'a',
          input: { log: 'nf_conntrack: table full, dropping packet' },
          label: { primary: 'conntrack-exhaustion', secondary: null },
        }),
        JSON.stringify({
          id: 'b',
          input: { log: 'Too many open files' },
          label: { primary: 'overload', secondary: null },
        }),
      ].join('\n'),
    );
    const r = await runCli(['eval', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ a/);
    expect(r.stdout).toMatch(/✗ b/);
    expect(r.stdout).toMatch(/top-1 50\.0 %/);
    expect(r.stdout).toMatch(/overload → fd-exhaustion: 1/);
    // one right and one wrong answer, both stated with high confidence: the band says how often it was right
    expect(r.stdout).toMatch(/80-101 % +1\/2 +right 50 %, stated (?:8\d|9\d) %/);
    expect(r.stdout).toMatch(/calibration error \d+\.\d points/);
  });
});

describe('reset-doctor demo', () => {
  it('diagnoses at least six bundled examples with evidence and next steps', async () => {
    const r = await runCli(['demo']);
    expect(r.code).toBe(0);
    const sections = r.stdout.split('━━ ').length - 1;
    expect(sections).toBeGreaterThanOrEqual(12);
    expect((r.stdout.match(/next steps:/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect((r.stdout.match(/most likely/g) ?? []).length).toBeGreaterThanOrEqual(6);
  });
});

describe('reset-doctor eval on the bundled regression corpora', () => {
  it.each([
    // incidents written from public reports, one per mechanism
    { file: 'holdout.jsonl', cases: 40, top1: 0.85, top3: 0.95, gap: 0.25 },
    // real incidents from public issue threads: only what the reporter knew, labelled by what the thread found
    { file: 'threads.jsonl', cases: 2153, top1: 0.72, top3: 0.77, gap: 0.15 },
  ])(
    'keeps test/corpus/$file at top-1 >= $top1 and top-3 >= $top3',
    async ({ file, cases, top1, top3, gap }) => {
      const r = await runCli(['eval', new URL(`../corpus/${file}`, import.meta.url).pathname, '--json']);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as {
        top1: number;
        top3: number;
        cases: unknown[];
        calibrationError: number;
      };
      expect(report.cases.length).toBeGreaterThanOrEqual(cases);
      expect(report.top1).toBeGreaterThanOrEqual(top1);
      expect(report.top3).toBeGreaterThanOrEqual(top3);
      // stated confidence stays near how often the answers are right (confidences are fitted to incidents
      // the rules had not seen, and these corpora are answered better, so they read low here)
      expect(report.calibrationError).toBeLessThan(gap);
    },
  );
});
