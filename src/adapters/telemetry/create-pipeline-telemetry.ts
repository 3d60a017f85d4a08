import type { PipelineTelemetry } from '../../app/pipeline-telemetry.js';
import type { BotMetrics } from './create-bot-metrics.js';

/** The worker's reports as prom-client metrics. */
export function createPipelineTelemetry(metrics: BotMetrics): PipelineTelemetry {
  return {
    answered(answer, latencyS) {
      metrics.diagnosisLatency.observe(latencyS);
      metrics.answers.inc({ cause: answer.diagnosis.hypotheses[0]?.cause ?? 'none' });
      const rules = new Set(answer.diagnosis.hypotheses.flatMap((h) => h.rules));
      for (const rule of rules) metrics.ruleHits.inc({ rule });
    },
    coalesced() {
      metrics.alertsCoalesced.inc();
    },
    updateDeferred() {
      metrics.answerUpdatesDeferred.inc();
    },
  };
}
