import type { Logger } from 'pino';
import type { Incident } from '../core/model/incident.js';
import { AlertmanagerPayloadSchema } from '../core/parse/parse-alert.js';
import { alertOriginOf } from './alert-origin.js';
import { chatOriginOfReply } from './chat-origin-reply.js';
import type { AlertOrigin, AnswerNotifier, DiagnosisRequest } from './diagnosis-requests.js';
import type { DeliveryRef } from './diagnosis-store.js';
import type { Answer, Notifier } from './notifier.js';

/**
 * The worker's notifier (`Notifier`: an answer per incident, delivered once then updated, with a delivery
 * reference kept in the store) on top of a chat notifier (`AnswerNotifier`: a request with its origin and
 * a diagnosis). An incident from a mention goes back to its thread (the origin travelled with the job as
 * its reply); an alert group's incident goes to its thread in the alert channel, keyed by the group key of
 * the notification that opened it, so a resolution or a later firing of the group lands in the same
 * thread. Anything else (or an alert with no channel to go to) goes to the fallback, the log.
 */

export interface PipelineNotifierDeps {
  readonly answers: AnswerNotifier;
  /** For answers the chat side has no place for. */
  readonly fallback: Notifier;
  /** Where alert answers go when the group's labels do not name a channel. */
  readonly alertChannel?: string;
  /** The alert label that names a channel. */
  readonly alertChannelLabel: string;
  readonly now?: () => number;
}

const VIA = 'chat';

/** The incident as the chat side shows it: the subject the worker found (discovered pods, nodes) filled in. */
function incidentOf(answer: Answer): Incident {
  const base: Incident = answer.incident ?? { context: answer.summary };
  const s = answer.subject;
  return {
    ...base,
    ...(base.service == null && s.service !== undefined ? { service: s.service } : {}),
    ...(base.peer == null && s.peer !== undefined ? { peer: s.peer } : {}),
    ...(base.namespace == null && s.namespace !== undefined ? { namespace: s.namespace } : {}),
    ...(base.pod == null && s.pod !== undefined ? { pod: s.pod } : {}),
    ...(base.node == null && s.node !== undefined ? { node: s.node } : {}),
  };
}

export function createPipelineNotifier(deps: PipelineNotifierDeps): Notifier {
  const now = deps.now ?? Date.now;

  function alertOrigin(answer: Answer): AlertOrigin | undefined {
    const payload = AlertmanagerPayloadSchema.safeParse(answer.incident?.alert);
    if (!payload.success && answer.source !== 'alertmanager') return undefined;
    const labelled = payload.success ? alertOriginOf(payload.data, deps.alertChannelLabel) : undefined;
    const origin: AlertOrigin = {
      kind: 'alert',
      groupKey: labelled?.groupKey ?? answer.incidentId,
      status: answer.status === 'resolved' ? 'resolved' : 'firing',
      names: (answer.alerts.names.length > 0 ? answer.alerts.names : (labelled?.names ?? [])).slice(0, 50),
      count: answer.alerts.total,
      firing: answer.alerts.firing,
      ...(labelled?.channel === undefined ? {} : { channel: labelled.channel }),
      ...(answer.resolvedAfterS === undefined ? {} : { resolvedAfterS: answer.resolvedAfterS }),
    };
    return origin.channel !== undefined || deps.alertChannel !== undefined ? origin : undefined;
  }

  /** The chat request for an answer, or undefined when the chat side has no place for it. */
  function requestOf(answer: Answer): DiagnosisRequest | undefined {
    const origin = chatOriginOfReply(answer.reply) ?? alertOrigin(answer);
    if (!origin) return undefined;
    return {
      incidentId: answer.incidentId,
      incident: incidentOf(answer),
      origin,
      receivedAt: new Date(answer.createdAt).toISOString(),
    };
  }

  return {
    async deliver(answer, log) {
      const request = requestOf(answer);
      if (!request) return deps.fallback.deliver(answer, log);
      await deps.answers.deliver(request, answer.diagnosis);
      log.info({ summary: answer.summary, to: request.origin.kind }, 'diagnosis delivered');
      return { via: VIA, origin: request.origin.kind };
    },

    async update(answer, delivery, log): Promise<DeliveryRef | undefined> {
      const request = delivery.via === VIA ? requestOf(answer) : undefined;
      if (!request) return deps.fallback.update(answer, delivery, log);
      // A mention's answer has nothing to follow; an alert thread follows its group.
      if (request.origin.kind === 'chat') return delivery;
      await deps.answers.deliver(request, answer.diagnosis);
      log.info({ summary: answer.summary, status: answer.status, to: 'alert' }, 'diagnosis updated');
      return delivery;
    },

    async fail(failure, log: Logger) {
      const origin = chatOriginOfReply(failure.reply);
      if (!origin) {
        await deps.fallback.fail?.(failure, log);
        return;
      }
      await deps.answers.fail(
        {
          incidentId: failure.incidentId,
          incident: {},
          origin,
          receivedAt: new Date(now()).toISOString(),
        },
        failure.reason,
      );
    },
  };
}
