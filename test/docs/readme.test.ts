import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createBotMetrics } from '../../src/adapters/telemetry/create-bot-metrics.js';
import { CONFIG_VARIABLES, readConfig } from '../../src/config.js';
import { REPO_ROOT } from '../support/paths.js';

/**
 * The README is the product's front page: its configuration table is the schema's (every variable, each
 * default as the schema applies it), its quick start is the two commands CI runs, its /metrics list is what
 * the bot registers, and its links lead somewhere.
 */

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The text of a `## title` section, up to the next `## `. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => /^\s*\|/.test(l) && !/^\s*\|\s*-/.test(l))
    .map((l) =>
      l
        .trim()
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim()),
    );
}

const firstCode = (cell: string | undefined) => /^`([^`]+)`/.exec(cell ?? '')?.[1];

const CONFIG_ROWS = tableRows(section(README, 'Configuration')).slice(1);

/** GitHub's anchor of a heading. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? '')));
}

describe('README', () => {
  it('the configuration table lists every variable of the schema, once, and nothing else', () => {
    const names = CONFIG_ROWS.map((r) => firstCode(r[0]));
    expect(names.filter((n) => n === undefined)).toEqual([]);
    expect(new Set(names).size, 'a variable is listed twice').toBe(names.length);
    expect([...names].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('each default in the table is the one the schema applies', () => {
    const base = { ALERTMANAGER_TOKEN: 'token', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' };
    const asUnset = JSON.stringify(readConfig(base));
    // The check can fail: a value other than the default changes the configuration.
    expect(JSON.stringify(readConfig({ ...base, JOB_ATTEMPTS: '6' }))).not.toBe(asUnset);
    let checked = 0;
    for (const row of CONFIG_ROWS) {
      const name = firstCode(row[0]);
      const fallback = firstCode(row[2]);
      if (!name || fallback === undefined) continue;
      expect(JSON.stringify(readConfig({ ...base, [name]: fallback })), `${name}=${fallback}`).toBe(asUnset);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('the quick start is the two commands of a fresh machine, and CI runs the second', () => {
    const commands = [...section(README, 'Quick start').matchAll(/```sh\n([\s\S]*?)```/g)].map((m) =>
      m[1]?.trim(),
    );
    expect(commands).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });

  it('names every series the bot exports on /metrics', () => {
    const { registry } = createBotMetrics(new Registry());
    const names = registry.getMetricsAsArray().map((m) => m.name);
    expect(names.length).toBeGreaterThan(10);
    const watching = section(README, 'Run the bot');
    for (const name of names) expect(watching, name).toContain(`\`${name}`);
  });

  it('every link to a file of the repository, and every anchor, exists', () => {
    const text = README.replace(/```[\s\S]*?```/g, '');
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    const local = links.filter((l) => !/^[a-z]+:/.test(l));
    expect(local.length).toBeGreaterThan(20);
    for (const link of local) {
      const [path = '', anchor] = link.split('#');
      const file = path === '' ? join(REPO_ROOT, 'README.md') : join(REPO_ROOT, path);
      expect(existsSync(file), link).toBe(true);
      if (anchor) expect([...anchorsOf(file)], link).toContain(anchor);
    }
    expect(existsSync(join(dirname(join(REPO_ROOT, 'README.md')), 'docs/img/answer.png'))).toBe(true);
  });
});
