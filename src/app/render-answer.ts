import type { Cause } from '../core/model/causes.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import {
  type CauseFeedback,
  renderSlackAnswer,
  type SlackAnswerOptions,
} from '../core/render/render-slack-blocks.js';
import type { SlackMessage } from '../core/render/slack-blocks.js';
import type { DiagnosisRequest } from './diagnosis-requests.js';

/** The answer message for a request: the same drawing for the first post, updates and feedback redraws. */
export function renderAnswer(
  request: DiagnosisRequest,
  diagnosis: Diagnosis,
  feedback?: Partial<Record<Cause, CauseFeedback>>,
): SlackMessage {
  const { origin, incident } = request;
  const service = incident.service ?? undefined;
  const peer = incident.peer ?? undefined;
  const options: SlackAnswerOptions = {
    ...(feedback ? { feedback } : {}),
    ...(service || peer ? { subject: { ...(service ? { service } : {}), ...(peer ? { peer } : {}) } } : {}),
    ...(origin.kind === 'chat'
      ? { ...(origin.user ? { askedBy: origin.user } : {}), ...(origin.notes ? { notes: origin.notes } : {}) }
      : {
          alert: {
            status: origin.status,
            names: origin.names,
            ...(origin.count === undefined ? {} : { count: origin.count }),
            ...(origin.firing === undefined ? {} : { firing: origin.firing }),
            ...(origin.resolvedAfterS === undefined ? {} : { resolvedAfterS: origin.resolvedAfterS }),
          },
        }),
  };
  return renderSlackAnswer(diagnosis, options);
}
