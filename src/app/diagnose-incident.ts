import type { Logger } from 'pino';
import type { DiagnosisCore } from '../core/diagnose.js';
import type { FetchedMetrics, Subject } from '../core/facts/gather-facts.js';
import { metricFactsForRules } from '../core/facts/plan-metric-queries.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import { errorMessage } from '../errors.js';
import type { WorkerDeps } from './worker-deps.js';

/**
 * The diagnosis step of the worker: the current core, the subject the incident is about, metric facts
 * for that subject (degraded, never fatal, when the source fails), then the core's facts → rules → rank.
 */

/** The metric facts a rule set reads, worked out once per core (a rule reload brings a new core). */
const factsOfCore = new WeakMap<DiagnosisCore, readonly string[]>();

function metricFactsOf(core: DiagnosisCore): readonly string[] {
  let facts = factsOfCore.get(core);
  if (facts === undefined) {
    facts = metricFactsForRules(core.ruleSet, core.catalogue);
    factsOfCore.set(core, facts);
  }
  return facts;
}

export async function diagnoseIncident(
  incident: Incident,
  incidentId: string,
  receivedAt: number,
  deps: Pick<WorkerDeps, 'core' | 'metrics'>,
  log: Logger,
): Promise<{ readonly diagnosis: Diagnosis; readonly subject: Subject }> {
  const core = deps.core();
  // The incident's own facts once: the subject to fetch readings for, then the diagnosis with them.
  const own = core.gatherOwn(incident);
  const gathered = core.gather(incident, undefined, own);
  let fetched: FetchedMetrics | undefined;
  try {
    fetched = await deps.metrics.fetch({
      incidentId,
      subject: gathered.subject,
      at: gathered.at ?? receivedAt,
      catalogue: core.catalogue,
      facts: metricFactsOf(core),
      log,
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
  // trace, not diagnose: the subject as the diagnosis saw it, with what Prometheus discovered (namespace,
  // pod, node), is what later views of the answer (charts, commands) need.
  const { diagnosis, gathered: final } = await core.trace(incident, {
    incidentId,
    own,
    ...(fetched === undefined ? {} : { fetched }),
  });
  const top = diagnosis.hypotheses[0];
  log.info(
    {
      rulesVersion: diagnosis.rulesVersion,
      top: top ? { cause: top.cause, confidence: top.confidence } : null,
      hypotheses: diagnosis.hypotheses.length,
      degraded: diagnosis.degraded,
      ...(fetched === undefined
        ? {}
        : { metrics: Object.values(fetched.states).filter((s) => s === 'value').length }),
    },
    'diagnosed',
  );
  return { diagnosis, subject: final.subject };
}

/**
 * Diagnoses the incident and saves the diagnosis, unless one is saved already (`upserted`, what recording
 * the job in the incident found: a redelivered job, or one re-run after a crash between saving and
 * answering): a job never produces a second diagnosis.
 */
export async function diagnoseOnce(
  upserted: { readonly diagnosed: boolean },
  incident: Incident,
  incidentId: string,
  receivedAt: number,
  deps: Pick<WorkerDeps, 'core' | 'metrics' | 'store'>,
  log: Logger,
): Promise<void> {
  if (upserted.diagnosed) return;
  const { diagnosis, subject } = await diagnoseIncident(incident, incidentId, receivedAt, deps, log);
  await deps.store.saveDiagnosis(incidentId, diagnosis, subject, incident);
}
