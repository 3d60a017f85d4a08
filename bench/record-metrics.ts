/**
 * Records the metric readings the pipeline benchmark replays (bench/fixtures/recorded-metrics.json): the
 * Prometheus test scenarios (test/prometheus/fixtures/scenarios.ts) loaded into Debian's Prometheus, and
 * for each scenario what the Prometheus metrics source fetches for its service at the failure time.
 *
 *   npx tsx bench/record-metrics.ts
 */
import { writeFile } from 'node:fs/promises';
import { createPrometheusMetricsSource } from '../src/adapters/prometheus/create-prometheus-metrics-source.js';
import { loadCore } from '../src/compose.js';
import { metricFactsForRules } from '../src/core/facts/plan-metric-queries.js';
import { AT, openMetrics, SCENARIOS } from '../test/prometheus/fixtures/scenarios.js';
import { startPrometheus } from '../test/support/prometheus.js';
import { RECORDED_METRICS_FILE as OUT } from './paths.js';
import type { RecordedMetrics } from './recorded-metrics.js';

const core = await loadCore();
const facts = metricFactsForRules(core.ruleSet, core.catalogue);
const prom = await startPrometheus(openMetrics());
try {
  const source = createPrometheusMetricsSource({
    url: prom.url,
    catalogue: core.catalogue,
    correlationRange: '2h',
  });
  const scenarios: RecordedMetrics['scenarios'] = {};
  for (const [name, sc] of Object.entries(SCENARIOS)) {
    const fetched = await source.fetch({ subject: { service: sc.service }, at: AT, facts });
    scenarios[name] = { service: sc.service, fetched };
    console.log(`${name}: ${Object.keys(fetched.values).length} readings`);
  }
  const recorded: RecordedMetrics = { at: new Date(AT).toISOString(), scenarios };
  await writeFile(OUT, `${JSON.stringify(recorded, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
} finally {
  await prom.stop();
}
