import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/core/model/causes.js';
import type { Incident } from '../../src/core/model/incident.js';
import { renderWhyNotText } from '../../src/core/render/render-why-not.js';
import { bundledCore } from '../support/core.js';

const core = await bundledCore();

const redisIdle: Incident = {
  log: '2026-03-02T10:00:00.120Z INFO worker: job queue empty, waiting\n2026-03-02T10:05:01.442Z ERROR [ioredis] Unhandled error event: Error: read ECONNRESET\n    at TCP.onStreamRead (node:internal/stream_base_commons:217:20)\n',
  context:
    'Node worker talks to Redis. After about 5 minutes without jobs the first command fails with ECONNRESET.',
};

describe('why not', () => {
  it('lists every rule of the cause with each condition, the value it saw and its JSON path', async () => {
    const w = await core.whyNot(redisIdle, 'keepalive-mismatch');
    const ofCause = core.ruleSet.rules
      .filter((r) => r.def.cause === 'keepalive-mismatch')
      .map((r) => r.def.id);
    expect(w.rules.map((r) => r.id).sort()).toEqual([...ofCause].sort());
    const rule = w.rules.find((r) => r.id === 'keepalive.short-idle-gap-words');
    expect(rule?.status).toBe('failed');
    const idle = rule?.conditions.find((c) => c.fact === 'words.idleS');
    expect(idle).toMatchObject({ operator: 'between', passed: false, actual: 300, actualText: '5 min' });
    expect(idle?.path).toMatch(/^\$\.rules\[\d+\]\.conditions\.all\[\d+\]$/);
    expect(w.place).toBeUndefined();
    expect(w.summary).toMatch(/no rule supporting keepalive-mismatch fired/);
  });

  it('says where a listed cause ranks and which rules counted', async () => {
    const d = await core.diagnose(redisIdle);
    const top = d.hypotheses[0];
    if (!top) throw new Error('expected a hypothesis');
    const w = await core.whyNot(redisIdle, top.cause);
    expect(w.place).toBe(1);
    expect(w.summary).toBe(`${top.cause} is the top answer (${Math.round(top.confidence * 100)} %).`);
    const counted = w.rules.filter((r) => r.status === 'counted').map((r) => r.id);
    expect(counted.length).toBeGreaterThan(0);
    for (const id of counted) expect(top.rules).toContain(id);
  });

  it('shows the failed condition and the value seen in the text', async () => {
    const text = renderWhyNotText(await core.whyNot(redisIdle, 'keepalive-mismatch'), { color: false });
    expect(text).toMatch(/^why not keepalive-mismatch\?/);
    expect(text).toMatch(/✗ words\.idleS between \[1\.5 s, 150 s \(2\.5 min\)\] — saw 5 min/);
    expect(text).toMatch(/keepalive-mismatch\.json \$\.rules\[\d+\]/);
  });

  it('names the shared condition a condition comes from', async () => {
    const w = await core.whyNot(redisIdle, 'crash');
    const rule = w.rules.find((r) => r.id === 'crash.restart-words');
    const shared = rule?.conditions.filter((c) => c.shared === 'failure-seen') ?? [];
    expect(shared.map((c) => c.fact).sort()).toEqual(['classes', 'words.hints']);
    expect(rule?.conditions.filter((c) => c.shared === undefined).length).toBeGreaterThan(0);
    const text = renderWhyNotText(w, { color: false });
    expect(text).toMatch(/classes containsAny .* \[failure-seen\] — saw/);
  });

  it('never copies log.text into the report', async () => {
    const big: Incident = { log: `${'x'.repeat(300_000)}\nError: read ECONNRESET\n` };
    for (const cause of CAUSES) {
      const w = await core.whyNot(big, cause);
      expect(JSON.stringify(w).length).toBeLessThan(200_000);
    }
  });

  it('keeps control characters from the log out of the terminal', async () => {
    const w = await core.whyNot(
      { log: 'Error: read ECONNRESET \u001b[31mred\u001b[0m', service: 'a\u001b[2Jb' },
      'crash',
    );
    expect(renderWhyNotText(w, { color: false }).includes('\u001b')).toBe(false);
  });
});
