import type { Logger } from 'pino';
import { errorMessage } from '../errors.js';
import type { Notifier } from './notifier.js';
import { IncidentJobSchema } from './pipeline-job.js';

/**
 * A job the worker gave up on (attempts used up, or an error retrying cannot fix). Someone who asked (a
 * Slack mention answered by "diagnosing…") is told that no answer will come, with the incident id to quote.
 * Alert groups have nobody waiting on a placeholder: the log line and the failed-jobs counter say it.
 */
export async function reportUnanswered(
  data: unknown,
  reason: string,
  notifier: Pick<Notifier, 'fail'>,
  log: Logger,
): Promise<void> {
  if (!notifier.fail) return;
  const job = IncidentJobSchema.safeParse(data);
  if (!job.success) return;
  const { incidentId, origin } = job.data;
  try {
    await notifier.fail(
      {
        incidentId,
        source: origin.source,
        ...(origin.reply === undefined ? {} : { reply: origin.reply }),
        reason: reason.replace(/^[A-Z_]+: /, ''),
      },
      log,
    );
  } catch (e) {
    log.warn({ err: { message: errorMessage(e) } }, 'could not say that the diagnosis failed');
  }
}
