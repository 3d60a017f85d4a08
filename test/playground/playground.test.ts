import Fastify, { type FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue } from '../../src/adapters/catalogue/read-catalogue.js';
import { playgroundPlugin } from '../../src/adapters/http/playground/playground-plugin.js';
import { loadRules, type RulesSnapshot } from '../../src/adapters/rule-files/load-rules.js';
import { createShellQuote } from '../../src/adapters/shell/create-shell-quote.js';
import { coreFromSnapshot, DEFAULT_CATALOGUE, DEFAULT_RULES_DIR } from '../../src/compose.js';
import { CAUSES } from '../../src/core/model/causes.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const loaded = await loadRules(DEFAULT_RULES_DIR);
if (!loaded.ok) throw new Error('shipped rules do not load');
const snapshot: RulesSnapshot = loaded.snapshot;
const core = coreFromSnapshot(snapshot, await readCatalogue(DEFAULT_CATALOGUE));

let app: FastifyInstance;
let base: string;
let browser: Browser;

async function buildApp(): Promise<FastifyInstance> {
  const a = Fastify();
  await a.register(playgroundPlugin, {
    prefix: '/playground',
    rules: { current: () => core, snapshot: () => snapshot },
    quote: createShellQuote(),
  });
  return a;
}

beforeAll(async () => {
  app = await buildApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}/playground/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(base);
  await page.waitForSelector('#rule-file option', { state: 'attached' });
  expect(errors).toEqual([]);
  return page;
}

describe('the rule playground in Chromium', () => {
  it('diagnoses a pasted snippet and shows the expected top cause and every "why not"', async () => {
    const page = await open();
    await page.fill(
      '#log',
      '2026-11-24T10:00:00Z kernel: nf_conntrack: nf_conntrack: table full, dropping packet\n',
    );
    await page.fill('#context', 'intermittent resets on a busy node');
    await page.click('#diagnose');
    await page.waitForSelector('#top-cause');
    expect(await page.textContent('#top-cause')).toBe('conntrack-exhaustion');
    expect(await page.locator('details.why-not').count()).toBe(CAUSES.length);
    await page.click('details[data-cause="keepalive-mismatch"] summary');
    expect(await page.textContent('details[data-cause="keepalive-mismatch"]')).toMatch(
      /keepalive\.[a-z-]+ .*did not fire/,
    );
    expect(await page.textContent('#rules-version')).toBe(`serving rules ${core.version}`);
    await page.close();
  });

  it('shows hostile log text as text, never as markup', async () => {
    const page = await open();
    await page.fill(
      '#log',
      'Error: socket hang up <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\n    at connResetException (node:internal/errors:720:14)\n',
    );
    await page.fill(
      '#context',
      'Express app behind an AWS ALB <b onmouseover="window.__pwned=3">small</b> rate of 502s',
    );
    await page.click('#diagnose');
    await page.waitForSelector('#answer .hypothesis');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#answer img, #answer script, #why-not img').count()).toBe(0);
    expect(await page.textContent('#answer')).toContain('<img src=x onerror="window.__pwned=1">');
    await page.close();
  });

  it('shows live lint errors with their path while a rule is edited, and runs its tests', async () => {
    const page = await open();
    await page.selectOption('#rule-file', 'crash.json');
    await page.waitForSelector('#problems .ok');
    const original = await page.inputValue('#rule-text');
    await page.fill('#rule-text', original.replace('"cause": "crash"', '"cause": "crashed"'));
    await page.waitForSelector('#problems .fail');
    expect(await page.textContent('#problems')).toMatch(
      /error crash\.json \$\.rules\[0\]\.cause: "crashed" is not a cause/,
    );

    await page.click('#reset-file');
    await page.waitForSelector('#problems .ok');
    await page.click('#run-tests');
    await page.waitForSelector('#test-results[data-done="true"]');
    const tests = core.ruleSet.tests.filter((t) => t.file.endsWith('/crash.json')).length;
    expect(await page.textContent('#test-results')).toContain(`${tests} passed, 0 failed`);
    await page.close();
  });

  it('diagnoses with an edited rule file when asked', async () => {
    const page = await open();
    await page.selectOption('#rule-file', 'conntrack-exhaustion.json');
    const text = await page.inputValue('#rule-text');
    const json = JSON.parse(text) as { rules: { weight: number }[] };
    for (const r of json.rules) r.weight = -Math.abs(r.weight);
    await page.fill('#rule-text', JSON.stringify(json, null, 2));
    await page.fill('#log', 'kernel: nf_conntrack: table full, dropping packet\n');
    await page.check('#use-edit');
    await page.click('#diagnose');
    await page.waitForSelector('#answer .headline');
    expect(await page.textContent('#answer')).toContain('diagnosed with your edit');
    expect(
      (await page.locator('#top-cause').count()) === 0 ||
        (await page.textContent('#top-cause')) !== 'conntrack-exhaustion',
    ).toBe(true);
    await page.close();
  });
});

describe('the playground API', () => {
  it('redirects to the trailing slash and serves the page with a strict CSP', async () => {
    const a = await buildApp();
    const r = await a.inject({ url: '/playground' });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/playground/');
    const page = await a.inject({ url: '/playground/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await a.close();
  });

  it.each([
    ['/playground/api/diagnose', { incident: {} }, /at least one of log/],
    ['/playground/api/diagnose', { incident: { log: 'x' }, extra: 1 }, /Unrecognized key/],
    ['/playground/api/lint', { file: '../../etc/passwd', text: '{}' }, /file/],
    ['/playground/api/test', { file: 'crash.json' }, /text/],
  ])('refuses a bad body for %s', async (url, payload, message) => {
    const a = await buildApp();
    const r = await a.inject({ method: 'POST', url, payload });
    expect(r.statusCode).toBe(400);
    expect((r.json() as { error: string }).error).toMatch(message);
    await a.close();
  });

  it('never writes an edit to disk and lints a new file', async () => {
    const a = await buildApp();
    const r = await a.inject({
      method: 'POST',
      url: '/playground/api/lint',
      payload: {
        file: 'my-rule.json',
        text: '{"rules": [{"id": "a.b", "cause": "crash", "weight": 1, "conditions": {"all": [{"fact": "nope", "operator": "equal", "value": 1}]}, "evidence": "x"}]}',
      },
    });
    const body = r.json() as { ok: boolean; problems: { file: string; path: string; message: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems).toContainEqual(
      expect.objectContaining({ file: 'my-rule.json', path: '$.rules[0].conditions.all[0].fact' }),
    );
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${DEFAULT_RULES_DIR}/my-rule.json`)).toBe(false);
    await a.close();
  });
});
