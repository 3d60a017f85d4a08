import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AnswerArchive } from '../../app/answer-archive.js';
import type { ChatReplies } from '../../app/chat-replies.js';
import type {
  AlertOrigin,
  AnswerNotifier,
  ChatOrigin,
  DiagnosisRequest,
} from '../../app/diagnosis-requests.js';
import type { ChartRenderer, KeyMetricSource } from '../../app/key-metric-source.js';
import { renderAnswer } from '../../app/render-answer.js';
import type { Diagnosis } from '../../core/model/diagnosis.js';
import { formatDuration } from '../../core/render/format-duration.js';
import {
  percent,
  renderSlackFailure,
  renderSlackNote,
  renderSlackPending,
} from '../../core/render/render-slack-blocks.js';
import type { SlackMessage } from '../../core/render/slack-blocks.js';
import { codeSpan } from '../../core/render/slack-text.js';
import { isResetDoctorError } from '../../errors.js';
import type { AlertThread, AlertThreads } from './redis-slack-state.js';
import {
  type DeliveryPlan,
  type PostedStep,
  type SlackDelivery,
  type SlackStep,
  SlackUnavailable,
} from './slack-delivery.js';
import type { OutboxDrainer, SlackOutbox } from './slack-outbox.js';

/**
 * Posts answers in Slack: for a mention, the "diagnosing…" message in its thread becomes the answer; for an
 * alert group, one thread per group whose headline follows resolution and re-diagnosis, each change noted in
 * the thread. A chart of the key metric goes in the thread when there is one. Whatever Slack cannot take now
 * goes to the outbox and arrives later.
 */

export interface SlackNotifierDeps {
  readonly delivery: SlackDelivery;
  readonly outbox: SlackOutbox;
  /** Woken when Slack takes a message again, so kept answers follow without waiting for the timer. */
  readonly drainer?: OutboxDrainer;
  readonly archive: AnswerArchive;
  readonly alertThreads: AlertThreads;
  readonly log: Logger;
  /** Where alert answers go when the alert's labels do not choose a channel. */
  readonly alertChannel?: string;
  readonly keyMetrics?: KeyMetricSource;
  readonly chart?: ChartRenderer;
  /** First outbox retry delay. */
  readonly outboxDelayMs: number;
  readonly now?: () => number;
}

const RememberAlertRoot = z.object({
  kind: z.literal('alert-root'),
  groupKey: z.string(),
  incidentId: z.string(),
  status: z.enum(['firing', 'resolved']),
  cause: z.string().exactOptional(),
  confidence: z.number().exactOptional(),
});

export type SlackNotifier = AnswerNotifier &
  ChatReplies & {
    /** The hook the delivery calls after a remembered post (wire it into createSlackDelivery). */
    onPosted(posted: PostedStep): Promise<void>;
  };

export function createSlackNotifier(deps: SlackNotifierDeps): SlackNotifier {
  const { delivery, outbox, log } = deps;
  const now = deps.now ?? Date.now;
  const groupLocks = new Map<string, Promise<unknown>>();

  function withGroupLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const tail = groupLocks.get(key) ?? Promise.resolve();
    const result = tail.then(work, work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    groupLocks.set(key, settled);
    void settled.then(() => {
      if (groupLocks.get(key) === settled) groupLocks.delete(key);
    });
    return result;
  }

  function plan(incidentId: string, channel: string, steps: SlackStep[]): DeliveryPlan {
    return { id: randomUUID(), incidentId, channel, steps, next: 0, attempts: 0, createdAt: now() };
  }

  /** Runs a plan; what Slack cannot take now goes to the outbox. Resolves to the plan's root, if posted. */
  async function send(p: DeliveryPlan): Promise<DeliveryPlan['root']> {
    const planLog = log.child({ incidentId: p.incidentId });
    try {
      const done = await delivery.run(p);
      void deps.drainer?.drain().catch(() => undefined);
      return done.root;
    } catch (e) {
      if (e instanceof SlackUnavailable) {
        await outbox.put(e.plan, now() + deps.outboxDelayMs);
        planLog.warn(
          { planId: p.id, step: e.plan.next, reason: e.message },
          'Slack unavailable: answer kept in the outbox',
        );
        return undefined;
      }
      if (isResetDoctorError(e) && e.code === 'SLACK_REJECTED') {
        planLog.error({ planId: p.id, channel: p.channel, reason: e.message }, 'Slack refused the answer');
        return undefined;
      }
      throw e;
    }
  }

  async function chartStep(
    request: DiagnosisRequest,
    diagnosis: Diagnosis,
    channel: string,
    threadTs: string | { ref: 'root' },
  ): Promise<SlackStep[]> {
    if (!deps.keyMetrics || !deps.chart || diagnosis.hypotheses.length === 0) return [];
    try {
      const series = await deps.keyMetrics.seriesFor(request, diagnosis);
      if (!series || series.series.every((s) => s.points.length === 0)) return [];
      const png = await deps.chart.render(series);
      return [
        {
          op: 'upload',
          channel,
          threadTs,
          filename: `${request.incidentId}-${series.metric.replace(/[^\w.-]+/g, '_').slice(0, 60)}.png`,
          title: series.title.slice(0, 200),
          altText: `Chart of ${series.title}`.slice(0, 1000),
          base64: Buffer.from(png).toString('base64'),
        },
      ];
    } catch (e) {
      log.warn({ err: e, incidentId: request.incidentId }, 'no chart for this answer');
      return [];
    }
  }

  async function deliverChat(request: DiagnosisRequest, origin: ChatOrigin, diagnosis: Diagnosis) {
    const message = renderAnswer(request, diagnosis);
    const thread = origin.threadTs;
    const discussion = thread ?? origin.statusTs;
    if (discussion)
      await deps.archive
        .linkThread(origin.channel, discussion, request.incidentId)
        .catch((e: unknown) => log.warn({ err: e, incidentId: request.incidentId }, 'thread not linked'));
    const answerStep: SlackStep = origin.statusTs
      ? {
          op: 'update',
          channel: origin.channel,
          ts: origin.statusTs,
          message,
          root: true,
          ...(thread ? { fallbackThreadTs: thread } : {}),
        }
      : { op: 'post', channel: origin.channel, message, root: true, ...(thread ? { threadTs: thread } : {}) };
    const chart = await chartStep(request, diagnosis, origin.channel, thread ?? { ref: 'root' });
    await send(plan(request.incidentId, origin.channel, [answerStep, ...chart]));
  }

  function alertChannelOf(origin: AlertOrigin): string | undefined {
    return origin.channel ?? deps.alertChannel;
  }

  /**
   * The thread reply for a change. The same incident again (the pipeline's update: more alerts, some
   * resolved) keeps its diagnosis; another incident of the group (it fired again) is a new diagnosis.
   */
  function changeNote(
    previous: AlertThread,
    origin: AlertOrigin,
    diagnosis: Diagnosis,
    incidentId: string,
  ): SlackMessage {
    const first = diagnosis.hypotheses[0];
    const now = first ? `${codeSpan(first.cause)} (${percent(first.confidence)})` : 'no cause standing out';
    const was =
      previous.cause !== undefined
        ? `${codeSpan(previous.cause)}${previous.confidence === undefined ? '' : ` (${percent(previous.confidence)})`}`
        : 'no cause standing out';
    if (origin.status === 'resolved' && previous.status === 'firing') {
      const after =
        origin.resolvedAfterS === undefined ? '' : ` after ${formatDuration(origin.resolvedAfterS)}`;
      return renderSlackNote(`:white_check_mark: *Resolved${after}.* The diagnosis at resolution: ${now}.`);
    }
    if (origin.status === 'firing' && previous.status === 'resolved')
      return renderSlackNote(`:fire: *Firing again.* Re-diagnosed: ${now} (was ${was}).`);
    if (incidentId === previous.incidentId) {
      const count = origin.count ?? 0;
      const alerts = `${count} alert${count === 1 ? '' : 's'}${origin.firing !== undefined && origin.firing < count ? `, ${origin.firing} still firing` : ''}`;
      return renderSlackNote(`:arrows_counterclockwise: *Updated:* ${alerts}; still ${now}.`);
    }
    if (first?.cause !== previous.cause)
      return renderSlackNote(`:repeat: *Re-diagnosed:* now ${now}, was ${was}.`);
    return renderSlackNote(`:repeat: *Re-diagnosed:* still ${now}.`);
  }

  async function deliverAlert(request: DiagnosisRequest, origin: AlertOrigin, diagnosis: Diagnosis) {
    const channel = alertChannelOf(origin);
    const jobLog = log.child({ incidentId: request.incidentId });
    if (!channel) {
      jobLog.warn(
        { groupKey: origin.groupKey },
        'no channel for alert answers (set SLACK_ALERT_CHANNEL): answer not posted',
      );
      return;
    }
    const first = diagnosis.hypotheses[0];
    const remember = {
      kind: 'alert-root',
      groupKey: origin.groupKey,
      incidentId: request.incidentId,
      status: origin.status,
      ...(first ? { cause: first.cause, confidence: first.confidence } : {}),
    };
    const message = renderAnswer(request, diagnosis);
    await withGroupLock(origin.groupKey, async () => {
      const previous = await deps.alertThreads.get(origin.groupKey);
      if (!previous) {
        const chart =
          origin.status === 'firing' ? await chartStep(request, diagnosis, channel, { ref: 'root' }) : [];
        await send(
          plan(request.incidentId, channel, [
            { op: 'post', channel, message, root: true, remember },
            ...chart,
          ]),
        );
        return;
      }
      await deps.archive.linkThread(previous.channel, previous.ts, request.incidentId);
      const causeChanged = first?.cause !== previous.cause;
      const chart =
        origin.status === 'firing' && causeChanged
          ? await chartStep(request, diagnosis, previous.channel, previous.ts)
          : [];
      await send(
        plan(request.incidentId, previous.channel, [
          { op: 'update', channel: previous.channel, ts: previous.ts, message, root: true, remember },
          {
            op: 'post',
            channel: previous.channel,
            threadTs: previous.ts,
            message: changeNote(previous, origin, diagnosis, request.incidentId),
          },
          ...chart,
        ]),
      );
    });
  }

  return {
    async onPosted(posted) {
      const remember = RememberAlertRoot.safeParse(
        'remember' in posted.step ? posted.step.remember : undefined,
      );
      if (!remember.success) return;
      const r = remember.data;
      await deps.alertThreads.set(r.groupKey, {
        channel: posted.channel,
        ts: posted.ts,
        incidentId: r.incidentId,
        status: r.status,
        ...(r.cause === undefined ? {} : { cause: r.cause }),
        ...(r.confidence === undefined ? {} : { confidence: r.confidence }),
      });
      await deps.archive.linkThread(posted.channel, posted.ts, r.incidentId);
    },

    async acknowledge(origin, incidentId) {
      const pending = renderSlackPending(incidentId, origin.notes ?? []);
      const p = plan(incidentId, origin.channel, [
        {
          op: 'post',
          channel: origin.channel,
          message: pending,
          root: true,
          ...(origin.threadTs ? { threadTs: origin.threadTs } : {}),
        },
      ]);
      try {
        // The placeholder is not worth an outbox entry: the answer itself is kept if Slack stays away.
        const done = await delivery.run(p);
        return done.root ? { ...origin, statusTs: done.root.ts } : origin;
      } catch (e) {
        log.warn(
          { incidentId, reason: e instanceof Error ? e.message : String(e) },
          'could not say "diagnosing…"',
        );
        return origin;
      }
    },

    async deliver(request, diagnosis) {
      // Without the archive "why not" and feedback redraws fail for this answer; the answer itself still goes.
      await deps.archive
        .save({ request, diagnosis })
        .catch((e: unknown) => log.warn({ err: e, incidentId: request.incidentId }, 'answer not archived'));
      if (request.origin.kind === 'chat') await deliverChat(request, request.origin, diagnosis);
      else await deliverAlert(request, request.origin, diagnosis);
    },

    async fail(request, reason) {
      const message = renderSlackFailure(request.incidentId, reason);
      const origin = request.origin;
      if (origin.kind === 'chat') {
        const step: SlackStep = origin.statusTs
          ? {
              op: 'update',
              channel: origin.channel,
              ts: origin.statusTs,
              message,
              ...(origin.threadTs ? { fallbackThreadTs: origin.threadTs } : {}),
            }
          : {
              op: 'post',
              channel: origin.channel,
              message,
              ...(origin.threadTs ? { threadTs: origin.threadTs } : {}),
            };
        await send(plan(request.incidentId, origin.channel, [step]));
        return;
      }
      const channel = alertChannelOf(origin);
      if (!channel) return;
      const previous = await deps.alertThreads.get(origin.groupKey);
      await send(
        plan(request.incidentId, previous?.channel ?? channel, [
          {
            op: 'post',
            channel: previous?.channel ?? channel,
            message,
            ...(previous ? { threadTs: previous.ts } : {}),
          },
        ]),
      );
    },

    async post(channel, message, threadTs) {
      const root = await send(
        plan('reply', channel, [
          { op: 'post', channel, message, root: true, ...(threadTs ? { threadTs } : {}) },
        ]),
      );
      return root?.ts;
    },

    async update(channel, ts, message) {
      await send(plan('reply', channel, [{ op: 'update', channel, ts, message }]));
    },
  };
}
