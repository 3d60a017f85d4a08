import type { Logger } from 'pino';
import type { DiagnosisCore } from '../core/diagnose.js';
import type { FetchedMetrics } from '../core/facts/gather-facts.js';
import { errorMessage } from '../errors.js';
import type { AnswerNotifier, DiagnosisRequest, DiagnosisRequests } from './diagnosis-requests.js';

/**
 * The pipeline without a queue: diagnoses in this process, right after `submit` returns, and calls the
 * notifier back. For tests, the CLI-sized deployment and as the reference behaviour of the queued pipeline.
 */

export interface InProcessDeps {
  readonly core: Pick<DiagnosisCore, 'diagnose'>;
  readonly notifier: AnswerNotifier;
  readonly log: Logger;
  /** Metric readings for the incident (Prometheus); none: the diagnosis uses logs, words and alerts. */
  readonly fetchMetrics?: (request: DiagnosisRequest) => Promise<FetchedMetrics | undefined>;
}

export interface InProcessDiagnosis extends DiagnosisRequests {
  /** Resolves when every submitted request has been answered (or failed). */
  idle(): Promise<void>;
}

export function createInProcessDiagnosis(deps: InProcessDeps): InProcessDiagnosis {
  const seen = new Set<string>();
  const running = new Set<Promise<void>>();

  async function run(request: DiagnosisRequest): Promise<void> {
    const log = deps.log.child({ incidentId: request.incidentId });
    let diagnosis: Awaited<ReturnType<DiagnosisCore['diagnose']>>;
    try {
      const fetched = deps.fetchMetrics ? await deps.fetchMetrics(request) : undefined;
      diagnosis = await deps.core.diagnose(request.incident, {
        incidentId: request.incidentId,
        ...(fetched ? { fetched } : {}),
      });
    } catch (e) {
      log.error({ err: e }, 'diagnosis failed');
      await deps.notifier.fail(request, errorMessage(e));
      return;
    }
    log.info({ top: diagnosis.hypotheses[0]?.cause }, 'diagnosed');
    await deps.notifier.deliver(request, diagnosis);
  }

  return {
    async submit(request) {
      if (seen.has(request.incidentId)) return;
      seen.add(request.incidentId);
      const p = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(request))
        .catch((e: unknown) => deps.log.error({ err: e, incidentId: request.incidentId }, 'answer lost'))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
