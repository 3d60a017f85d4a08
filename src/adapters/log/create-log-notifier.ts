import type { Logger } from 'pino';
import type { AnswerNotifier } from '../../app/diagnosis-requests.js';

/** Without Slack, answers are logged (one structured line per answer, with the incident id). */
export function createLogNotifier(log: Logger): AnswerNotifier {
  return {
    async acknowledge(origin) {
      return origin;
    },
    async deliver(request, diagnosis) {
      const top = diagnosis.hypotheses
        .slice(0, 3)
        .map((h) => ({ cause: h.cause, confidence: h.confidence, title: h.title }));
      log.info(
        {
          incidentId: request.incidentId,
          origin: request.origin.kind,
          top,
          rulesVersion: diagnosis.rulesVersion,
        },
        'answer',
      );
    },
    async fail(request, reason) {
      log.error({ incidentId: request.incidentId, origin: request.origin.kind, reason }, 'diagnosis failed');
    },
  };
}
