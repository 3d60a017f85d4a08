import { z } from 'zod';
import type { GroupSnapshot } from '../../app/alert-group.js';
import type { Subject } from '../../core/facts/gather-facts.js';

/**
 * What the store reads back from Redis, validated: Redis is outside the process, and a record written by
 * an older version (or by hand) must fail loudly rather than flow on with the wrong shape.
 */

const opt = <T extends z.ZodType>(t: T) => t.exactOptional();

/** Stored answers are read with the same diagnosis schema as every other stored diagnosis. */
export { DiagnosisSchema } from '../../app/diagnosis-schema.js';

export const SubjectSchema = z.object({
  service: opt(z.string()),
  peer: opt(z.string()),
  namespace: opt(z.string()),
  pod: opt(z.string()),
  container: opt(z.string()),
  node: opt(z.string()),
  host: opt(z.string()),
  port: opt(z.number()),
  instance: opt(z.string()),
}) satisfies z.ZodType<Subject>;

export const GroupSnapshotSchema = z.object({
  groupKey: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.number(),
  firing: z.number(),
  names: z.array(z.string()),
  service: opt(z.string()),
  peer: opt(z.string()),
  startsAt: opt(z.number()),
  endsAt: opt(z.number()),
}) satisfies z.ZodType<GroupSnapshot>;

export const StringMapSchema = z.record(z.string(), z.string());

/** The incident hash as stored (all fields strings). */
export const IncidentHashSchema = z.object({
  incidentId: z.string(),
  source: z.string(),
  createdAt: z.coerce.number(),
  status: z.enum(['open', 'resolved']),
  rev: z.coerce.number(),
  deliveredRev: z.coerce.number(),
  diagnosis: opt(z.string()),
  incident: opt(z.string()),
  subject: opt(z.string()),
  delivery: opt(z.string()),
  reply: opt(z.string()),
  resolvedAt: opt(z.coerce.number()),
  // Absent in records written before the store kept them.
  shownAt: opt(z.coerce.number()),
  shownStatus: opt(z.enum(['open', 'resolved'])),
});

/** What marking an answer shown replies: the record's rev and deliveredRev (strings). */
export const RevisionSchema = z.tuple([z.coerce.number(), z.coerce.number()]);

/** Canonical JSON of a snapshot: equal snapshots give equal strings (the store compares them in Lua). */
export function snapshotJson(s: GroupSnapshot): string {
  return JSON.stringify({
    groupKey: s.groupKey,
    status: s.status,
    alerts: s.alerts,
    firing: s.firing,
    names: s.names,
    ...(s.service === undefined ? {} : { service: s.service }),
    ...(s.peer === undefined ? {} : { peer: s.peer }),
    ...(s.startsAt === undefined ? {} : { startsAt: s.startsAt }),
    ...(s.endsAt === undefined ? {} : { endsAt: s.endsAt }),
  });
}
