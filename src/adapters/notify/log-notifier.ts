import type { Logger } from 'pino';
import type { Answer, Notifier } from '../../app/notifier.js';

/** The hypotheses as a log line can hold them: cause, variant, confidence, title, the first next step. */
function topHypotheses(answer: Answer, n = 3) {
  return answer.diagnosis.hypotheses.slice(0, n).map((h) => ({
    cause: h.cause,
    ...(h.variant === undefined ? {} : { variant: h.variant }),
    confidence: Math.round(h.confidence * 1000) / 1000,
    title: h.title,
    ...(h.nextSteps[0] ? { nextStep: h.nextSteps[0].command } : {}),
  }));
}

function fields(answer: Answer) {
  return {
    answer: {
      incidentId: answer.incidentId,
      summary: answer.summary,
      status: answer.status,
      source: answer.source,
      subject: answer.subject,
      alerts: answer.alerts,
      ...(answer.resolvedAfterS === undefined ? {} : { resolvedAfterS: Math.round(answer.resolvedAfterS) }),
      hypotheses: topHypotheses(answer),
      unexplained: Math.round(answer.diagnosis.unexplained * 1000) / 1000,
      degraded: answer.diagnosis.degraded,
      rulesVersion: answer.diagnosis.rulesVersion,
    },
  };
}

/**
 * The notifier used until Slack is configured: each answer becomes one structured log line. The full
 * diagnosis stays in the diagnosis store (Redis), with `delivery: {via: 'log'}`, where a later Slack
 * delivery can find answers that were only logged.
 */
export function createLogNotifier(): Notifier {
  return {
    async deliver(answer: Answer, log: Logger) {
      log.info(fields(answer), 'diagnosis delivered');
      return { via: 'log' };
    },
    async update(answer: Answer, delivery, log: Logger) {
      log.info(fields(answer), 'diagnosis updated');
      return delivery;
    },
    async fail(failure, log: Logger) {
      log.error({ source: failure.source, reason: failure.reason }, 'no answer: the diagnosis failed');
    },
  };
}
