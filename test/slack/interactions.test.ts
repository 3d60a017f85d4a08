import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_CONFIRM, FEEDBACK_REJECT } from '../../src/core/render/render-slack-blocks.js';
import {
  deletePrefix,
  eventBody,
  eventually,
  type Harness,
  redisForTests,
  startHarness,
  uniquePrefix,
  uniqueTs,
} from './support/bot-harness.js';
import { type RecordedCall, type SlackStandIn, startSlackStandIn } from './support/slack-stand-in.js';

const SNIPPET =
  '<@UBOT> behind the ALB, fails after idle ```Error: socket hang up\n    at connResetException (node:internal/errors:720:14)``` service=checkout';

interface Button {
  readonly action_id: string;
  readonly value: string;
}

function buttonsOf(call: RecordedCall | undefined): { blockId: string; buttons: Button[] }[] {
  const blocks = call?.body.blocks;
  if (!Array.isArray(blocks)) return [];
  return blocks
    .filter((b): b is { type: string; block_id: string; elements: Button[] } => b?.type === 'actions')
    .map((b) => ({ blockId: b.block_id, buttons: b.elements }));
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('feedback, the slash command and "why not"', () => {
  let standIn: SlackStandIn;
  let redis: Redis;
  let prefix: string;
  let h: Harness;
  let threadTs: string;
  let answer: RecordedCall | undefined;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    redis = redisForTests();
    prefix = uniquePrefix();
    h = await startHarness({ standIn, redis, prefix });
    threadTs = uniqueTs();
    await h.send(eventBody(SNIPPET, { ts: threadTs }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length >= 1, 15_000, 'the answer');
    answer = standIn.okCallsOf('chat.update')[0];
  });
  afterAll(async () => {
    await h.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await standIn.close();
  });

  const topCause = () => /reset-doctor: ([a-z-]+) \(/.exec(String(answer?.body.text))?.[1] ?? '?';

  async function click(user: string, actionId: string, value: string): Promise<Response> {
    const payload = {
      type: 'block_actions',
      team: { id: 'T0TEST' },
      api_app_id: 'A0TEST',
      token: 'legacy',
      trigger_id: `trig-${Math.random()}`,
      user: { id: user, team_id: 'T0TEST' },
      container: {
        type: 'message',
        channel_id: 'C0TEST',
        message_ts: String(answer?.body.ts),
        is_ephemeral: false,
      },
      channel: { id: 'C0TEST', name: 'incidents' },
      message: { type: 'message', ts: String(answer?.body.ts), text: 'answer' },
      response_url: `${standIn.url}response`,
      actions: [{ type: 'button', action_id: actionId, block_id: 'feedback:x', value, action_ts: '1' }],
    };
    return h.send(form({ payload: JSON.stringify(payload) }), {
      contentType: 'application/x-www-form-urlencoded',
    });
  }

  it('a vote is stored with the rule ids, and the answer shows who confirmed', async () => {
    const first = buttonsOf(answer)[0];
    expect(first?.blockId).toBe(`feedback:${topCause()}`);
    const confirm = first?.buttons.find((b) => b.action_id === FEEDBACK_CONFIRM);
    const value = JSON.parse(confirm?.value ?? '{}') as { r: string[] };
    expect(value.r.length).toBeGreaterThan(0);

    const before = standIn.okCallsOf('chat.update').length;
    const res = await click('U0ALICE', FEEDBACK_CONFIRM, confirm?.value ?? '');
    expect(res.status).toBe(200);
    await standIn.waitFor(() => standIn.okCallsOf('chat.update').length > before, 10_000, 'the redraw');
    const redraw = standIn.okCallsOf('chat.update').at(-1);
    expect(redraw?.body.ts).toBe(answer?.body.ts);
    expect(JSON.stringify(redraw?.body.blocks)).toContain('confirmed by <@U0ALICE>');

    const votes = await h.answers.state.ruleVotes();
    for (const rule of value.r) expect(votes.get(rule)).toEqual({ confirmed: 1, rejected: 0 });

    // Bob says not it; Alice changes her mind: counts move, never double.
    await click('U0BOB', FEEDBACK_REJECT, confirm?.value ?? '');
    await click('U0ALICE', FEEDBACK_REJECT, confirm?.value ?? '');
    await click('U0ALICE', FEEDBACK_REJECT, confirm?.value ?? '');
    await eventually(async () => (await h.answers.state.ruleVotes()).get(value.r[0] ?? '')?.rejected === 2);
    const after = await h.answers.state.ruleVotes();
    for (const rule of value.r) expect(after.get(rule)).toEqual({ confirmed: 0, rejected: 2 });
    await eventually(() =>
      JSON.stringify(standIn.okCallsOf('chat.update').at(-1)?.body.blocks).includes(
        'not it for <@U0ALICE>, <@U0BOB>',
      ),
    );
  });

  it('/reset-doctor help, rules (with vote counts) and diagnose', async () => {
    const command = (text: string) =>
      h.send(
        form({
          token: 'legacy',
          team_id: 'T0TEST',
          channel_id: 'C0CMD',
          user_id: 'U0CAROL',
          command: '/reset-doctor',
          text,
          trigger_id: `trig-${Math.random()}`,
          response_url: `${standIn.url}response`,
          api_app_id: 'A0TEST',
        }),
        { contentType: 'application/x-www-form-urlencoded' },
      );
    const help = await command('help');
    expect(help.status).toBe(200);
    expect(JSON.stringify(await help.json())).toContain('why not &lt;cause&gt;');

    const rules = (await (await command(`rules ${topCause()}`)).json()) as {
      response_type: string;
      blocks: unknown[];
    };
    expect(rules.response_type).toBe('ephemeral');
    const rulesText = JSON.stringify(rules.blocks);
    expect(rulesText).toContain(`*${topCause()}*`);
    expect(rulesText).not.toContain('*overload*');
    // The votes of the first test: two people said "not it" to the rules behind the top hypothesis.
    expect(rulesText).toMatch(/:x: 2/);

    const all = (await (await command('rules')).json()) as { blocks: unknown[] };
    expect(all.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(all.blocks)).toContain(`*${h.core.ruleSet.rules.length} rules*`);

    const before = standIn.okCallsOf('chat.update').length;
    const diag = await command(
      'diagnose EADDRNOTAVAIL when calling payments, cannot assign requested address',
    );
    expect(diag.status).toBe(200);
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.update').length > before,
      15_000,
      'the command answer',
    );
    const placeholder = standIn.okCallsOf('chat.postMessage').find((c) => c.body.channel === 'C0CMD');
    expect(placeholder?.body.thread_ts).toBeUndefined();
    const result = standIn.okCallsOf('chat.update').at(-1);
    expect(result?.body.channel).toBe('C0CMD');
    expect(String(result?.body.text)).toContain('port-exhaustion');
  });

  it('"why not <cause>" in the answer thread is answered with the reasoning; elsewhere it is ignored', async () => {
    const before = standIn.okCallsOf('chat.postMessage').length;
    await h.send(
      eventBody('why not overload?', { type: 'message', channelType: 'channel', threadTs, ts: uniqueTs() }),
    );
    await standIn.waitFor(
      () => standIn.okCallsOf('chat.postMessage').length > before,
      10_000,
      'the explanation',
    );
    const reply = standIn.okCallsOf('chat.postMessage').at(-1);
    expect(reply?.body.thread_ts).toBe(threadTs);
    const text = JSON.stringify(reply?.body.blocks);
    expect(text).toContain('Why not `overload`?');
    expect(text).toMatch(/ruled out|hypothesis \d+ of|No evidence for/);

    // A mention in the thread works too, and an unknown cause gets the list.
    const mid = standIn.okCallsOf('chat.postMessage').length;
    await h.send(eventBody('<@UBOT> why not gremlins', { threadTs, ts: uniqueTs() }));
    await standIn.waitFor(() => standIn.okCallsOf('chat.postMessage').length > mid, 10_000, 'the list');
    expect(JSON.stringify(standIn.okCallsOf('chat.postMessage').at(-1)?.body.blocks)).toContain(
      'keepalive-mismatch',
    );

    // Someone else's thread: not addressed to the bot, no reply.
    const quiet = standIn.calls.length;
    const res = await h.send(
      eventBody('why not overload', {
        type: 'message',
        channelType: 'channel',
        threadTs: uniqueTs(),
        ts: uniqueTs(),
      }),
    );
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(standIn.calls.slice(quiet).filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });
});
