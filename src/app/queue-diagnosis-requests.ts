import type { Logger } from 'pino';
import { ResetDoctorError } from '../errors.js';
import type { IncidentSubmission } from './accept-incident.js';
import { replyOfChatOrigin } from './chat-origin-reply.js';
import type { DiagnosisRequests } from './diagnosis-requests.js';

/** Queues an incident (the bot's intake: `BotContext.submit`); resolves once the job is in Redis. */
export type SubmitIncident = (submission: IncidentSubmission, log?: Logger) => Promise<unknown>;

/**
 * The chat side's pipeline port on the bot's queue: a request becomes a job whose id comes from Slack's
 * event id (a redelivered event is a no-op), which keeps the incident id the "diagnosing…" message showed,
 * and whose reply says where the worker's answer goes. The worker diagnoses it and the notifier answers in
 * the thread.
 */
export function createQueuedDiagnosisRequests(submit: SubmitIncident, log: Logger): DiagnosisRequests {
  return {
    async submit(request) {
      const origin = request.origin;
      // Alert groups come in through POST /alertmanager, which knows their lifecycle.
      if (origin.kind !== 'chat')
        throw new ResetDoctorError('INTERNAL', 'only chat requests are queued this way');
      await submit(
        {
          source: 'slack',
          key: origin.eventId,
          incidentId: request.incidentId,
          incident: request.incident,
          reply: replyOfChatOrigin(origin),
        },
        log.child({ incidentId: request.incidentId }),
      );
    },
  };
}
