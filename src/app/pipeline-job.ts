import { z } from 'zod';

/**
 * The jobs on the queue. Job data comes back from Redis, so the worker validates it with these schemas
 * before use. An `alert-group` job carries one Alertmanager notification; an `incident` job carries any
 * incident (a Slack mention, a CLI submission) and where to answer it; a `sync` job (queued by the worker
 * itself, delayed) shows an answer's changes that came too soon after its last update.
 */

const Id = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'ids are letters, digits, ".", "_" or "-"');

export const AlertGroupJobSchema = z.object({
  kind: z.literal('alert-group'),
  jobId: Id,
  incidentId: Id,
  /** When intake accepted it (epoch ms). */
  receivedAt: z.number(),
  /** The webhook payload, validated again by the worker. */
  payload: z.unknown(),
});

export const IncidentJobSchema = z.object({
  kind: z.literal('incident'),
  jobId: Id,
  incidentId: Id,
  receivedAt: z.number(),
  /** The incident (DESIGN §2), validated again by the worker. */
  incident: z.unknown(),
  /** Where it came from and where the answer goes, e.g. `{source: 'slack', reply: {channel, threadTs}}`. */
  origin: z.object({
    source: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    reply: z.record(z.string().max(64), z.string().max(1024)).optional(),
  }),
});

export const SyncJobSchema = z.object({
  kind: z.literal('sync'),
  jobId: Id,
  incidentId: Id,
  /** When the job whose update was deferred arrived (epoch ms). */
  receivedAt: z.number(),
});

export const PipelineJobSchema = z.discriminatedUnion('kind', [
  AlertGroupJobSchema,
  IncidentJobSchema,
  SyncJobSchema,
]);

export type AlertGroupJob = z.infer<typeof AlertGroupJobSchema>;
export type IncidentJob = z.infer<typeof IncidentJobSchema>;
export type SyncJob = z.infer<typeof SyncJobSchema>;
export type PipelineJob = z.infer<typeof PipelineJobSchema>;
