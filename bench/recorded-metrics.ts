import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FetchedMetrics } from '../src/core/facts/gather-facts.js';
import { RECORDED_METRICS_FILE } from './paths.js';

/**
 * Metric readings recorded from a real Prometheus (bench/record-metrics.ts) and replayed by the pipeline
 * benchmark's worker: every alert names a scenario, and its diagnosis gets that scenario's readings, as
 * the Prometheus source would have fetched them, without Prometheus in the measurement.
 */

const FactState = z.enum(['value', 'no-data', 'not-scraped', 'error', 'not-fetched']);

const FetchedSchema = z.object({
  values: z.record(z.string(), z.number()),
  states: z.record(z.string(), FactState),
  degraded: z.boolean(),
  warnings: z.array(z.string()),
  discovered: z
    .object({ namespace: z.string().optional(), pod: z.string().optional(), node: z.string().optional() })
    .optional(),
});

export const RecordedMetricsSchema = z.object({
  /** The failure time the readings were taken at. */
  at: z.string(),
  scenarios: z.record(z.string(), z.object({ service: z.string(), fetched: FetchedSchema })),
});

export type RecordedMetrics = {
  readonly at: string;
  scenarios: Record<string, { readonly service: string; readonly fetched: FetchedMetrics }>;
};

export async function readRecordedMetrics(file = RECORDED_METRICS_FILE): Promise<RecordedMetrics> {
  const parsed = RecordedMetricsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const scenarios: RecordedMetrics['scenarios'] = {};
  for (const [name, s] of Object.entries(parsed.scenarios)) {
    const { discovered, ...rest } = s.fetched;
    const found = discovered && {
      ...(discovered.namespace === undefined ? {} : { namespace: discovered.namespace }),
      ...(discovered.pod === undefined ? {} : { pod: discovered.pod }),
      ...(discovered.node === undefined ? {} : { node: discovered.node }),
    };
    scenarios[name] = { service: s.service, fetched: { ...rest, ...(found ? { discovered: found } : {}) } };
  }
  return { at: parsed.at, scenarios };
}
