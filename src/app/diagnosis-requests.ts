import { z } from 'zod';
import type { Diagnosis } from '../core/model/diagnosis.js';
import { type Incident, IncidentSchema } from '../core/model/incident.js';

/**
 * What the chat side and the pipeline exchange. A request carries the incident and where its answer goes
 * (its origin); it travels as JSON (a BullMQ job), so it has a schema. The pipeline diagnoses it
 * asynchronously and calls the notifier back with the diagnosis or the failure.
 */

const SlackId = z.string().regex(/^[A-Z0-9]{2,32}$/, 'a Slack id such as C0123ABCD');
const SlackTs = z
  .string()
  .regex(/^\d{1,12}\.\d{1,8}$/, 'a Slack message timestamp such as 1700000000.000100');

/** A mention, a DM or a slash command: the answer goes in the thread of the message that asked. */
export const ChatOriginSchema = z
  .object({
    kind: z.literal('chat'),
    channel: SlackId,
    /** The thread the answer goes in (the asking message, or the thread it was posted in). */
    threadTs: SlackTs.exactOptional(),
    /** The "diagnosing…" message to update with the answer, once posted. */
    statusTs: SlackTs.exactOptional(),
    user: SlackId.exactOptional(),
    /** Slack's event id (or trigger id): redeliveries of one event never produce a second answer. */
    eventId: z.string().min(1).max(128),
    /** Notes about the input to show with the answer (a file too large, a link not understood). */
    notes: z.array(z.string().max(500)).max(10).exactOptional(),
  })
  .strict();

/** An Alertmanager group: one thread per group, updated on resolution and re-diagnosis. */
export const AlertOriginSchema = z
  .object({
    kind: z.literal('alert'),
    /** Alertmanager's groupKey (or a hash of it): the thread key. */
    groupKey: z.string().min(1).max(4096),
    status: z.enum(['firing', 'resolved']),
    /** A channel chosen from the group's labels; the configured alert channel otherwise. */
    channel: z.string().min(1).max(80).exactOptional(),
    names: z.array(z.string().max(256)).max(50).default([]),
    count: z.number().int().min(0).exactOptional(),
    /** Alerts still firing, when the pipeline knows. */
    firing: z.number().int().min(0).exactOptional(),
    /** From the first alert's start to the resolution, once resolved. */
    resolvedAfterS: z.number().min(0).exactOptional(),
  })
  .strict();

export const AnswerOriginSchema = z.discriminatedUnion('kind', [ChatOriginSchema, AlertOriginSchema]);

export type ChatOrigin = z.infer<typeof ChatOriginSchema>;
export type AlertOrigin = z.infer<typeof AlertOriginSchema>;
export type AnswerOrigin = z.infer<typeof AnswerOriginSchema>;

export const DiagnosisRequestSchema = z
  .object({
    incidentId: z.string().min(1).max(128),
    incident: IncidentSchema,
    origin: AnswerOriginSchema,
    /** ISO 8601, when the request was accepted. */
    receivedAt: z.string().max(64),
  })
  .strict();

export interface DiagnosisRequest {
  readonly incidentId: string;
  readonly incident: Incident;
  readonly origin: AnswerOrigin;
  readonly receivedAt: string;
}

/**
 * Port: the pipeline. `submit` resolves once the request is safely accepted (in Redis for the queue); the
 * diagnosis runs later and ends in exactly one `AnswerNotifier.deliver` or `fail` call. Submitting the same
 * request id twice is a no-op.
 */
export interface DiagnosisRequests {
  submit(request: DiagnosisRequest): Promise<void>;
}

/**
 * Port: where answers go (Slack, or a log when Slack is not configured). Used for both chat-triggered and
 * alert-triggered answers. `deliver` and `fail` resolve once the answer is posted or safely kept for later
 * (an outbox); they throw only when it could not even be kept.
 */
export interface AnswerNotifier {
  /** Says "diagnosing…" at once; returns the origin with the message to update later. */
  acknowledge(origin: ChatOrigin, incidentId: string): Promise<ChatOrigin>;
  deliver(request: DiagnosisRequest, diagnosis: Diagnosis): Promise<void>;
  fail(request: DiagnosisRequest, reason: string): Promise<void>;
}

// The schema must describe the interface: this fails to compile when they drift apart.
export const checkDiagnosisRequestSchema = (r: z.infer<typeof DiagnosisRequestSchema>): DiagnosisRequest => r;
