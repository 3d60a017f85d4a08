import { z } from 'zod';

/**
 * The metric fact catalogue: fact name → unit, meaning, the PromQL that reads it, the exporter that provides
 * it and how to enable that exporter. Operators edit it as JSON (catalogue/metrics.json); this schema is the
 * one validation source for it.
 */

export const METRIC_UNITS = [
  'ratio',
  'count',
  'per_second',
  'seconds',
  'bytes',
  'boolean',
  'correlation',
  'code',
] as const;

export const MetricFactSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'snake_case, 2-64 characters'),
    unit: z.enum(METRIC_UNITS),
    description: z.string().min(1).max(500),
    /** Other names a reading may arrive under (case and punctuation are ignored). */
    aliases: z.array(z.string().min(1).max(128)).default([]),
    /** PromQL template; placeholders {{namespace}} {{pod}} {{service}} {{peer}} {{instance}} {{node}} {{window}} and {{label.X}}. */
    promql: z.string().min(1).max(4000).optional(),
    /** For `correlation`: the two range queries whose Pearson correlation is the value. */
    correlate: z
      .object({ errors: z.string().min(1).max(4000), traffic: z.string().min(1).max(4000) })
      .strict()
      .optional(),
    /** Which entity the query is about; a query is skipped when its entity is unknown. */
    scope: z.enum(['service', 'peer', 'pod', 'node', 'namespace', 'cluster']),
    exporter: z.string().min(1).max(200),
    /** How to make the metric exist when it is missing. */
    enable: z.string().min(1).max(1000),
    /** Value above which the reading counts as evidence (documentation for rule authors). */
    threshold: z.number().optional(),
  })
  .strict();

export const MetricCatalogueSchema = z
  .object({
    $schema: z.string().optional(),
    /** Label names in your Prometheus for the entities the templates refer to. */
    labels: z
      .object({
        namespace: z.string().default('namespace'),
        pod: z.string().default('pod'),
        service: z.string().default('service'),
        peer: z.string().default('destination_service_name'),
        node: z.string().default('node'),
        instance: z.string().default('instance'),
        container: z.string().default('container'),
      })
      .strict()
      .default({
        namespace: 'namespace',
        pod: 'pod',
        service: 'service',
        peer: 'destination_service_name',
        node: 'node',
        instance: 'instance',
        container: 'container',
      }),
    facts: z.array(MetricFactSchema).min(1),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const seen = new Map<string, number>();
    cat.facts.forEach((f, i) => {
      for (const n of [f.name, ...f.aliases].map(normalizeMetricName)) {
        const prev = seen.get(n);
        if (prev !== undefined && prev !== i) {
          ctx.addIssue({
            code: 'custom',
            path: ['facts', i, 'name'],
            message: `name or alias "${n}" is already used by facts[${prev}]`,
          });
        }
        seen.set(n, i);
      }
      if (f.unit === 'correlation' && !f.correlate) {
        ctx.addIssue({ code: 'custom', path: ['facts', i], message: 'a correlation fact needs `correlate`' });
      }
      if (f.unit !== 'correlation' && f.correlate) {
        ctx.addIssue({
          code: 'custom',
          path: ['facts', i, 'correlate'],
          message: 'only a correlation fact has `correlate`',
        });
      }
    });
  });

export type MetricFact = z.infer<typeof MetricFactSchema>;
export type MetricCatalogue = z.infer<typeof MetricCatalogueSchema>;

/** Folds case and punctuation so `ListenOverflows`, `listen-overflows` and `listen_overflows` meet. */
export function normalizeMetricName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
