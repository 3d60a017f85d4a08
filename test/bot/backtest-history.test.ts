import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisSlackState, slackPrefixOf } from '../../src/adapters/slack/redis-slack-state.js';
import { DEFAULT_RULES_DIR } from '../../src/compose.js';
import { runCli } from '../support/run-cli.js';
import { SHARED_REDIS_URL } from '../support/shared-redis.js';
import { waitFor } from '../support/wait-for.js';
import { type Product, startProduct } from './support/product.js';

/**
 * `rules backtest --history redis://…`: the incidents the running bot diagnosed, re-diagnosed with a rule
 * change, labelled by the votes people gave in Slack.
 */

let product: Product;
let candidate: string;
let redis: Redis;

beforeAll(async () => {
  product = await startProduct();
  candidate = await mkdtemp(join(tmpdir(), 'reset-doctor-candidate-'));
  await cp(DEFAULT_RULES_DIR, candidate, { recursive: true });
  await writeFile(
    join(candidate, 'zz-local.json'),
    JSON.stringify({
      rules: [
        {
          id: 'local.frobnicator-bug',
          cause: 'software-bug',
          title: 'The frobnicator library panics',
          weight: 6,
          conditions: { all: [{ fact: 'log.text', operator: 'matches', value: 'frobnicator panicked' }] },
          evidence: 'the frobnicator panic is in the log',
        },
      ],
    }),
  );
  redis = new Redis(SHARED_REDIS_URL);
});
afterAll(async () => {
  redis?.disconnect();
  await product?.stop();
  await rm(candidate, { recursive: true, force: true });
});

async function diagnosed(key: string, incident: Record<string, unknown>): Promise<string> {
  const submit = product.assembled.bot.context.submit;
  if (!submit) throw new Error('no intake');
  const { incidentId } = await submit({ source: 'test', key, incident });
  await waitFor(
    `the diagnosis of ${incidentId}`,
    async () => (await product.assembled.bot.store.get(incidentId))?.delivery,
  );
  return incidentId;
}

describe('rules backtest --history redis://', () => {
  it('replays what the bot diagnosed and counts the answers people confirmed', async () => {
    const changed = await diagnosed('a', { log: 'Error: socket hang up\nfrobnicator panicked in the pool' });
    const same = await diagnosed('b', {
      log: 'connect EADDRNOTAVAIL 10.0.0.7:443',
      context: 'after a deploy',
    });
    // Someone pressed "This was it" on software-bug for the first one.
    const votes = createRedisSlackState({
      redis,
      prefix: slackPrefixOf(product.config.queue.prefix),
      dedupeTtlS: 60,
      archiveTtlS: 3600,
    });
    await votes.record({
      incidentId: changed,
      cause: 'software-bug',
      rules: [],
      user: 'U1',
      verdict: 'confirmed',
    });

    const r = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--candidate',
      candidate,
      '--history',
      SHARED_REDIS_URL,
      '--prefix',
      product.config.queue.prefix,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      history: string;
      incidents: number;
      labelled: number;
      gained: number;
      changes: { id: string; verdict: string; after: { cause: string } | null }[];
    };
    expect(report.history).toContain(product.config.queue.prefix);
    expect(report.incidents).toBe(2);
    expect(report.labelled).toBe(1);
    expect(report.changes.map((c) => c.id)).toEqual([changed]);
    expect(report.changes[0]).toMatchObject({ verdict: 'gained', after: { cause: 'software-bug' } });
    expect(report.gained).toBe(1);
    expect(report.changes.some((c) => c.id === same)).toBe(false);
  });

  it('says so when Redis cannot be reached, and wants one source of incidents', async () => {
    const down = await runCli([
      'rules',
      'backtest',
      '--baseline',
      DEFAULT_RULES_DIR,
      '--history',
      'redis://127.0.0.1:1',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot reach redis:\/\/127\.0\.0\.1:1/);
    const none = await runCli(['rules', 'backtest', '--baseline', DEFAULT_RULES_DIR]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--incidents or --history/);
  });
});
