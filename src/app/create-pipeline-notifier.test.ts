import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { emptyDiagnosis } from '../../test/support/diagnosis.js';
import { chatOriginOfReply, replyOfChatOrigin } from './chat-origin-reply.js';
import { createPipelineNotifier } from './create-pipeline-notifier.js';
import type { AnswerNotifier, ChatOrigin, DiagnosisRequest } from './diagnosis-requests.js';
import type { DeliveryRef } from './diagnosis-store.js';
import type { Answer, Notifier, Unanswered } from './notifier.js';

const log = pino({ level: 'silent' });

const diagnosis = emptyDiagnosis();

/** A hand-written chat notifier: remembers what it was asked. */
class Chat implements AnswerNotifier {
  readonly delivered: DiagnosisRequest[] = [];
  readonly failed: { request: DiagnosisRequest; reason: string }[] = [];
  async acknowledge(origin: ChatOrigin) {
    return origin;
  }
  async deliver(request: DiagnosisRequest) {
    this.delivered.push(request);
  }
  async fail(request: DiagnosisRequest, reason: string) {
    this.failed.push({ request, reason });
  }
}

class Log implements Notifier {
  readonly seen: string[] = [];
  async deliver(answer: Answer): Promise<DeliveryRef> {
    this.seen.push(`deliver ${answer.incidentId}`);
    return { via: 'log' };
  }
  async update(answer: Answer, delivery: DeliveryRef) {
    this.seen.push(`update ${answer.incidentId}`);
    return delivery;
  }
  async fail(failure: Unanswered) {
    this.seen.push(`fail ${failure.incidentId}`);
  }
}

const origin: ChatOrigin = {
  kind: 'chat',
  channel: 'C0ABC',
  threadTs: '1700000000.000100',
  statusTs: '1700000000.000200',
  user: 'U0ASKER',
  eventId: 'Ev1',
  notes: ['a file was too large', 'a link was not understood'],
};

const alertPayload = {
  version: '4',
  status: 'firing',
  receiver: 'bot',
  groupKey: '{}:{alertname="HighLatency"}',
  groupLabels: { alertname: 'HighLatency' },
  commonLabels: { alertname: 'HighLatency', service: 'checkout' },
  commonAnnotations: {},
  externalURL: 'http://am',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighLatency', service: 'checkout' },
      annotations: {},
      startsAt: '2026-11-24T12:39:08Z',
      endsAt: '0001-01-01T00:00:00Z',
      fingerprint: 'f1',
    },
  ],
};

function answer(over: Partial<Answer> = {}): Answer {
  return {
    incidentId: 'inc-1',
    source: 'alertmanager',
    status: 'open',
    createdAt: Date.parse('2026-11-24T12:40:00Z'),
    diagnosis,
    incident: { id: 'inc-1', alert: alertPayload },
    subject: { service: 'checkout', namespace: 'shop', pod: 'checkout-1' },
    alerts: { total: 3, firing: 2, groups: 1, names: ['HighLatency'] },
    summary: 'checkout: no cause stands out',
    ...over,
  };
}

describe('chat origin ↔ job reply', () => {
  it('round-trips, notes included, and refuses what is not a chat origin', () => {
    expect(chatOriginOfReply(replyOfChatOrigin(origin))).toEqual(origin);
    expect(chatOriginOfReply({ kind: 'chat', channel: 'not a channel', eventId: 'Ev' })).toBeUndefined();
    expect(chatOriginOfReply({ channel: 'C0ABC' })).toBeUndefined();
    expect(chatOriginOfReply(undefined)).toBeUndefined();
  });
});

describe('the pipeline notifier on a chat notifier', () => {
  it('an alert group goes to its thread: group key of the first notification, counts and resolution from the pipeline', async () => {
    const chat = new Chat();
    const n = createPipelineNotifier({
      answers: chat,
      fallback: new Log(),
      alertChannel: 'C0ALERTS',
      alertChannelLabel: 'slack_channel',
    });
    const ref = await n.deliver(answer(), log);
    expect(ref).toEqual({ via: 'chat', origin: 'alert' });
    await n.update(
      answer({
        status: 'resolved',
        resolvedAfterS: 840,
        alerts: { total: 3, firing: 0, groups: 1, names: ['HighLatency'] },
      }),
      ref,
      log,
    );
    expect(chat.delivered.map((r) => r.origin)).toEqual([
      {
        kind: 'alert',
        groupKey: alertPayload.groupKey,
        status: 'firing',
        names: ['HighLatency'],
        count: 3,
        firing: 2,
      },
      {
        kind: 'alert',
        groupKey: alertPayload.groupKey,
        status: 'resolved',
        names: ['HighLatency'],
        count: 3,
        firing: 0,
        resolvedAfterS: 840,
      },
    ]);
    // The subject the worker found is filled in where the incident did not say.
    expect(chat.delivered[0]?.incident).toMatchObject({
      service: 'checkout',
      namespace: 'shop',
      pod: 'checkout-1',
    });
    expect(chat.delivered[0]?.receivedAt).toBe('2026-11-24T12:40:00.000Z');
  });

  it('without an alert channel, alerts stay in the log; answers delivered to the log are updated there', async () => {
    const chat = new Chat();
    const fallback = new Log();
    const n = createPipelineNotifier({ answers: chat, fallback, alertChannelLabel: 'slack_channel' });
    const ref = await n.deliver(answer(), log);
    await n.update(answer(), ref, log);
    expect(fallback.seen).toEqual(['deliver inc-1', 'update inc-1']);
    expect(chat.delivered).toEqual([]);
    // …unless the group's label names a channel.
    const labelled = {
      ...alertPayload,
      commonLabels: { ...alertPayload.commonLabels, slack_channel: '#pay' },
    };
    await n.deliver(answer({ incident: { alert: labelled } }), log);
    expect(chat.delivered[0]?.origin).toMatchObject({ kind: 'alert', channel: 'pay' });
  });

  it('a mention goes back to its thread once; its failure replaces "diagnosing…"', async () => {
    const chat = new Chat();
    const n = createPipelineNotifier({
      answers: chat,
      fallback: new Log(),
      alertChannelLabel: 'slack_channel',
    });
    const mention = answer({
      source: 'slack',
      incident: { log: 'socket hang up' },
      reply: replyOfChatOrigin(origin),
    });
    const ref = await n.deliver(mention, log);
    await n.update(mention, ref, log);
    expect(chat.delivered.map((r) => r.origin)).toEqual([origin]);
    await n.fail?.(
      { incidentId: 'inc-2', source: 'slack', reply: replyOfChatOrigin(origin), reason: 'bad input' },
      log,
    );
    expect(chat.failed).toMatchObject([{ request: { incidentId: 'inc-2', origin }, reason: 'bad input' }]);
  });

  it('incidents from elsewhere and failures without a chat origin go to the fallback', async () => {
    const fallback = new Log();
    const n = createPipelineNotifier({
      answers: new Chat(),
      fallback,
      alertChannel: 'C0',
      alertChannelLabel: 'x',
    });
    await n.deliver(answer({ source: 'cli', incident: { log: 'x' } }), log);
    await n.fail?.({ incidentId: 'inc-3', source: 'cli', reason: 'r' }, log);
    expect(fallback.seen).toEqual(['deliver inc-1', 'fail inc-3']);
  });
});
