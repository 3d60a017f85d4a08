import { z } from 'zod';
import { LABEL_NAME, parsePromqlTemplate } from './promql-template.js';

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
    /**
     * Metrics whose presence shows the exporter is scraped (default: the metrics the query reads). Give it
     * when the query reads a metric that exists only while something happens (kube_pod_deletion_timestamp).
     */
    presence: z
      .array(z.string().regex(/^[A-Za-z_:][A-Za-z0-9_:]*$/, 'a metric name'))
      .min(1)
      .max(16)
      .optional(),
    /** Which entity the query is about; a query is skipped when its entity is unknown. */
    scope: z.enum(['service', 'peer', 'pod', 'node', 'namespace', 'cluster']),
    exporter: z.string().min(1).max(200),
    /** How to make the metric exist when it is missing. */
    enable: z.string().min(1).max(1000),
    /** Value above which the reading counts as evidence (documentation for rule authors). */
    threshold: z.number().optional(),
    /**
     * Components (`words.components`) or runtimes (`log.runtimes`) that make this fact worth asking for: an
     * AWS load balancer metric is listed as missing data only when an ALB or ELB is in the picture.
     */
    onlyWith: z.array(z.string().min(1).max(64)).min(1).optional(),
  })
  .strict();

const labelName = z.string().regex(LABEL_NAME, 'a Prometheus label name ([A-Za-z_][A-Za-z0-9_]*)');

export const DEFAULT_LABELS = {
  namespace: 'namespace',
  pod: 'pod',
  service: 'service',
  peer: 'destination_service_name',
  node: 'node',
  instance: 'instance',
  container: 'container',
} as const;

export const MetricCatalogueSchema = z
  .object({
    $schema: z.string().optional(),
    /**
     * Label names in your Prometheus for the entities the templates refer to ({{label.namespace}} …). Add
     * your own keys (e.g. `envoy_cluster`) and use them as {{label.envoy_cluster}}.
     */
    labels: z
      .object({
        namespace: labelName.default(DEFAULT_LABELS.namespace),
        pod: labelName.default(DEFAULT_LABELS.pod),
        service: labelName.default(DEFAULT_LABELS.service),
        peer: labelName.default(DEFAULT_LABELS.peer),
        node: labelName.default(DEFAULT_LABELS.node),
        instance: labelName.default(DEFAULT_LABELS.instance),
        container: labelName.default(DEFAULT_LABELS.container),
      })
      .catchall(labelName)
      .default(DEFAULT_LABELS),
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
      const templates: [string, string][] = [];
      if (f.promql !== undefined) templates.push(['promql', f.promql]);
      if (f.correlate) {
        templates.push(['correlate.errors', f.correlate.errors]);
        templates.push(['correlate.traffic', f.correlate.traffic]);
      }
      for (const [where, template] of templates) {
        const parsed = parsePromqlTemplate(template);
        const path = ['facts', i, ...where.split('.')];
        for (const message of parsed.problems) ctx.addIssue({ code: 'custom', path, message });
        for (const label of parsed.labels) {
          if (!Object.hasOwn(cat.labels, label))
            ctx.addIssue({
              code: 'custom',
              path,
              message: `{{label.${label}}} needs "${label}" in the catalogue's labels`,
            });
        }
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
