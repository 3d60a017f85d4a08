import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BotExtensionFactory } from '../../src/bot/create-bot.js';
import { disposeBots, startTestBot, type TestBot } from '../support/bot-harness.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Incidents from other sources (a Slack mention, say) through an extension of the bot: its own route on
 * the one HTTP server, its own readiness check, the shared queue and worker, the answer going back with
 * the reply address it gave.
 */

const EventSchema = z.object({ eventId: z.string(), text: z.string() });

let t: TestBot;
const lifecycle: string[] = [];

const fakeReceiver: BotExtensionFactory = (ctx) => ({
  name: 'fake-slack',
  routes: [
    {
      name: 'fake-slack-events',
      plugin: async (app) => {
        app.post('/test/events', async (request, reply) => {
          const body = EventSchema.parse(request.body);
          if (!ctx.submit) return reply.code(500).send();
          const accepted = await ctx.submit({
            source: 'slack',
            key: body.eventId,
            incident: body.text ? { log: body.text, service: 'api' } : {},
            reply: { channel: 'C0123', threadTs: '1700000000.000100' },
          });
          return reply.code(202).send(accepted);
        });
      },
    },
  ],
  readiness: [{ name: 'slack', check: async () => undefined }],
  async start() {
    lifecycle.push('start');
  },
  async stop() {
    lifecycle.push('stop');
  },
});

afterAll(async () => {
  await disposeBots([t]);
  expect(lifecycle).toEqual(['start', 'stop']);
});

const send = (eventId: string, text: string) =>
  fetch(`${t.url}/test/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ eventId, text }),
  });

describe('incident jobs from an extension', () => {
  it('one event, delivered twice by its source, is diagnosed once and answered where it asked', async () => {
    t = await startTestBot({ parts: { extensions: [fakeReceiver] } });
    const log = 'kernel: nf_conntrack: table full, dropping packet\nError: read ECONNRESET';
    const [r1, r2] = await Promise.all([send('Ev01', log), send('Ev01', log)]);
    const a1 = (await r1.json()) as { incidentId: string; jobId: string };
    expect(a1.jobId).toMatch(/^slack-[0-9a-f]{40}$/);
    expect(((await r2.json()) as { jobId: string }).jobId).toBe(a1.jobId);
    await waitFor('the answer', () => t.notifier.delivered.length === 1);
    const answer = t.notifier.delivered[0];
    expect(answer).toMatchObject({
      incidentId: a1.incidentId,
      source: 'slack',
      reply: { channel: 'C0123', threadTs: '1700000000.000100' },
      alerts: { total: 0, groups: 0 },
    });
    expect(answer?.diagnosis.hypotheses[0]?.cause).toBe('conntrack-exhaustion');
    const ready = await (await fetch(`${t.url}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', checks: { redis: 'ok', rules: 'ok', slack: 'ok' } });
    expect(lifecycle).toEqual(['start']);
  });

  it('an incident with nothing to diagnose fails at once (JOB_INVALID), without retries', async () => {
    const r = await send('Ev02', '');
    const { jobId } = (await r.json()) as { jobId: string };
    await waitFor('the failure', async () => (await t.bot.queue?.counts())?.failed === 1);
    const line = t.logs.lines.find((l) => l.jobId === jobId && l.msg === 'job failed; retrying cannot help');
    expect(line).toBeDefined();
    expect(t.notifier.delivered).toHaveLength(1);
  });
});
