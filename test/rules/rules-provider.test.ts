import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readCatalogue } from '../../src/adapters/catalogue/read-catalogue.js';
import {
  createRulesProvider,
  type RulesChange,
  type RulesProvider,
  type RulesRejection,
} from '../../src/adapters/rule-files/create-rules-provider.js';
import { createShellQuote } from '../../src/adapters/shell/create-shell-quote.js';
import { DEFAULT_CATALOGUE, DEFAULT_RULES_DIR } from '../../src/compose.js';
import type { Incident } from '../../src/core/model/incident.js';

const catalogue = await readCatalogue(DEFAULT_CATALOGUE);
const root = await mkdtemp(join(tmpdir(), 'rd-reload-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface LogLine {
  level: number;
  msg: string;
  file?: string;
  path?: string;
  problem?: string;
}

function memoryLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as LogLine);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let n = 0;
async function rulesCopy(): Promise<string> {
  const dir = join(root, `rules-${n++}`);
  await cp(DEFAULT_RULES_DIR, dir, { recursive: true });
  return dir;
}

const providers: RulesProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) await p.close();
});

async function provider(dir: string, extra: { watch?: boolean; signal?: NodeJS.Signals | false } = {}) {
  const { logger, lines } = memoryLogger();
  const p = await createRulesProvider({
    rulesDir: dir,
    catalogue,
    quote: createShellQuote(),
    logger,
    debounceMs: 50,
    signal: extra.signal ?? false,
    ...(extra.watch === undefined ? {} : { watch: extra.watch }),
  });
  providers.push(p);
  return { p, lines };
}

const next = <T>(subscribe: (l: (x: T) => void) => () => void, ms = 10_000): Promise<T> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no event within the time limit')), ms);
    const off = subscribe((x) => {
      clearTimeout(t);
      off();
      resolve(x);
    });
  });

/** A rule that fires only on a made-up tag in the words, so the test controls it exactly. */
const canaryFile = (weight: number) =>
  JSON.stringify({
    $schema: '../schema/rules.schema.json',
    rules: [
      {
        id: 'canary.reload-test',
        cause: 'software-bug',
        weight,
        conditions: { all: [{ fact: 'log.text', operator: 'matches', value: 'canary-7f3a' }] },
        evidence: 'the canary line is in the log: {{matched}}',
      },
    ],
  });

const canaryIncident: Incident = { log: 'Error: read ECONNRESET\ncanary-7f3a\n' };

describe('hot reload of RULES_DIR', () => {
  it('serves an edited rule on the next diagnosis after the file changes', async () => {
    const dir = await rulesCopy();
    const { p } = await provider(dir);
    const before = p.current();
    expect((await before.diagnose(canaryIncident)).hypotheses.map((h) => h.cause)).not.toContain(
      'software-bug',
    );

    const changed = next<RulesChange>((l) => p.onChange(l));
    await writeFile(join(dir, 'canary.json'), canaryFile(6));
    const change = await changed;
    expect(change.previousVersion).toBe(before.version);
    expect(change.version).not.toBe(before.version);

    const d = await p.current().diagnose(canaryIncident);
    expect(d.rulesVersion).toBe(change.version);
    expect(d.hypotheses[0]?.cause).toBe('software-bug');
    expect(d.hypotheses[0]?.evidence[0]?.text).toBe('the canary line is in the log: canary-7f3a');
    // A job that took the old core keeps it.
    expect((await before.diagnose(canaryIncident)).rulesVersion).toBe(before.version);

    // An edit of the same file (atomic save: write a temporary file, rename it over) is picked up too.
    const again = next<RulesChange>((l) => p.onChange(l));
    await writeFile(join(dir, '.canary.json.tmp'), canaryFile(-2));
    await rename(join(dir, '.canary.json.tmp'), join(dir, 'canary.json'));
    await again;
    expect((await p.current().diagnose(canaryIncident)).hypotheses.map((h) => h.cause)).not.toContain(
      'software-bug',
    );
  });

  it('refuses a broken edit, logs file, path and message, and keeps serving the old set', async () => {
    const dir = await rulesCopy();
    const { p, lines } = await provider(dir);
    const version = p.current().version;

    const rejected = next<RulesRejection>((l) => p.onReject(l));
    const file = join(dir, 'crash.json');
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      rules: { conditions: { all?: { fact: string }[] } }[];
    };
    const leaf = json.rules[0]?.conditions.all?.[0];
    if (!leaf) throw new Error('crash.json changed shape');
    leaf.fact = 'log.no-such-fact';
    await writeFile(file, JSON.stringify(json));
    const r = await rejected;
    expect(r.keptVersion).toBe(version);
    expect(r.problems[0]).toMatchObject({ path: '$.rules[0].conditions.all[0].fact', severity: 'error' });
    expect(p.current().version).toBe(version);
    expect(
      (await p.current().diagnose({ log: 'nf_conntrack: table full, dropping packet' })).rulesVersion,
    ).toBe(version);

    const line = lines.find((l) => l.msg.startsWith('rules reload refused: '));
    expect(line).toMatchObject({ file, path: '$.rules[0].conditions.all[0].fact' });
    expect(line?.problem).toMatch(/unknown fact "log.no-such-fact"/);
    expect(line?.level).toBe(50);

    // Invalid JSON is refused the same way; fixing the file brings the set back.
    const rejectedAgain = next<RulesRejection>((l) => p.onReject(l));
    await writeFile(file, '{ "rules": [');
    expect((await rejectedAgain).problems[0]?.message).toMatch(/invalid JSON/);
    await cp(join(DEFAULT_RULES_DIR, 'crash.json'), file);
    // The restored set is the one it started with: it serves again, under the same version.
    const result = await p.reload('test');
    expect(result).toMatchObject({ ok: true, version });
  });

  it('reloads on SIGHUP without a watcher', async () => {
    const dir = await rulesCopy();
    const before = process.listenerCount('SIGHUP');
    const { p } = await provider(dir, { watch: false, signal: 'SIGHUP' });
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    await writeFile(join(dir, 'canary.json'), canaryFile(5));
    const changed = next<RulesChange>((l) => p.onChange(l));
    process.emit('SIGHUP', 'SIGHUP');
    expect((await changed).reason).toBe('signal SIGHUP');
    expect((await p.current().diagnose(canaryIncident)).hypotheses[0]?.cause).toBe('software-bug');
    await p.close();
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });

  it('applies overrides.json changes and serializes reloads', async () => {
    const dir = await rulesCopy();
    const { p } = await provider(dir, { watch: false });
    await writeFile(
      join(dir, 'overrides.json'),
      JSON.stringify({
        overrides: [{ name: 'quiet', match: { service: 'legacy-*' }, disable: ['keepalive.*'] }],
      }),
    );
    const results = await Promise.all([p.reload('a'), p.reload('b'), p.reload('c')]);
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(1);
    const d = await p.current().diagnose({
      service: 'legacy-api',
      log: 'Error: socket hang up\n    at connResetException (node:internal/errors:720:14)\n',
      context: 'Express app behind an AWS ALB',
    });
    expect(d.overrides).toEqual(['quiet']);
    expect(d.hypotheses.map((h) => h.cause)).not.toContain('keepalive-mismatch');
  });

  it('refuses to start on an invalid set', async () => {
    const dir = await rulesCopy();
    await writeFile(join(dir, 'bad.json'), '{"rules": []}');
    await expect(provider(dir)).rejects.toThrow(/invalid rules in .*bad\.json \$\.rules/s);
  });
});
