import { z } from 'zod';

/** A reading supplied with an incident: a number, a numeric string, a boolean, or null for "no data". */
export const MetricReadingSchema = z.union([z.number(), z.string().max(64), z.boolean(), z.null()]);

const text = (max: number) => z.string().max(max);
const name = text(253);

/**
 * What one diagnosis starts from (DESIGN §2). Every field is optional but at least one of
 * log, context, alert or metrics must carry something.
 */
export const IncidentSchema = z
  .object({
    id: text(128).optional(),
    log: z.string().nullish(),
    context: z.string().nullish(),
    alert: z.unknown().optional(),
    metrics: z.record(z.string().max(256), MetricReadingSchema).nullish(),
    service: name.nullish(),
    peer: name.nullish(),
    namespace: name.nullish(),
    pod: name.nullish(),
    container: name.nullish(),
    node: name.nullish(),
    host: name.nullish(),
    port: z.union([z.number().int().min(1).max(65535), z.string().regex(/^\d{1,5}$/)]).nullish(),
    /** When the failure happened (ISO 8601); defaults to the alert's start or "now". */
    at: z.string().max(64).nullish(),
  })
  .passthrough()
  .refine(
    (i) =>
      Boolean(i.log?.trim()) ||
      Boolean(i.context?.trim()) ||
      (i.alert !== undefined && i.alert !== null) ||
      (i.metrics !== undefined && i.metrics !== null && Object.keys(i.metrics).length > 0) ||
      Boolean(i.service),
    { message: 'an incident needs at least one of log, context, alert, metrics or service' },
  );

export type Incident = z.infer<typeof IncidentSchema>;

/** Batch lines may wrap the incident under `input` (the corpus format). */
export const BatchLineSchema = z.union([z.object({ input: IncidentSchema }).passthrough(), IncidentSchema]);

export function unwrapBatchLine(line: z.infer<typeof BatchLineSchema>): Incident {
  if ('input' in line && typeof line.input === 'object' && line.input !== null) {
    return line.input as Incident;
  }
  return line as Incident;
}
