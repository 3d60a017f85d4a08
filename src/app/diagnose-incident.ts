import type { Logger } from 'pino';
import type { FetchedMetrics, Subject } from '../core/facts/gather-facts.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import { errorMessage } from '../errors.js';
import type { WorkerDeps } from './worker-deps.js';

/**
 * The diagnosis step of the worker: the current core, the subject the incident is about, metric facts
 * for that subject (degraded, never fatal, when the source fails), then the core's facts → rules → rank.
 */
export async function diagnoseIncident(
  incident: Incident,
  incidentId: string,
  receivedAt: number,
  deps: Pick<WorkerDeps, 'core' | 'metrics'>,
  log: Logger,
): Promise<{ readonly diagnosis: Diagnosis; readonly subject: Subject }> {
  const core = deps.core();
  const gathered = core.gather(incident);
  let fetched: FetchedMetrics | undefined;
  try {
    fetched = await deps.metrics.fetch({
      incidentId,
      subject: gathered.subject,
      at: gathered.at ?? receivedAt,
      catalogue: core.catalogue,
    });
  } catch (e) {
    log.warn({ err: e }, 'metrics unavailable; diagnosing without them');
    fetched = {
      values: {},
      states: {},
      degraded: true,
      warnings: [`metrics unavailable: ${errorMessage(e)}`],
    };
  }
  const diagnosis = await core.diagnose(incident, {
    incidentId,
    ...(fetched === undefined ? {} : { fetched }),
  });
  const top = diagnosis.hypotheses[0];
  log.info(
    {
      rulesVersion: diagnosis.rulesVersion,
      top: top ? { cause: top.cause, confidence: top.confidence } : null,
      hypotheses: diagnosis.hypotheses.length,
      degraded: diagnosis.degraded,
    },
    'diagnosed',
  );
  return { diagnosis, subject: gathered.subject };
}
