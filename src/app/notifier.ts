import type { Logger } from 'pino';
import type { Subject } from '../core/facts/gather-facts.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import type { DeliveryRef, IncidentStatus } from './diagnosis-store.js';

/** One answer as a notifier shows it: the diagnosis plus what happened to the alerts behind it. */
export interface Answer {
  readonly incidentId: string;
  readonly source: string;
  readonly status: IncidentStatus;
  /** When the incident's first job arrived (epoch ms). */
  readonly createdAt: number;
  readonly diagnosis: Diagnosis;
  /** What was diagnosed (an alert group's incident is `{id, alert: <the first notification>}`). */
  readonly incident?: Incident;
  readonly subject: Subject;
  readonly alerts: {
    /** Alerts across every group folded in (including ones Alertmanager truncated). */
    readonly total: number;
    readonly firing: number;
    readonly groups: number;
    readonly names: readonly string[];
  };
  /** Seconds from the first alert's start to the resolution, once resolved. */
  readonly resolvedAfterS?: number;
  readonly reply?: Readonly<Record<string, string>>;
  /** One line for logs and notification previews. */
  readonly summary: string;
}

/** A job that will not be answered (its attempts are used up, or retrying cannot help). */
export interface Unanswered {
  readonly incidentId: string;
  readonly source: string;
  /** Where the answer was to go, as the job said. */
  readonly reply?: Readonly<Record<string, string>>;
  /** One line for the person waiting. */
  readonly reason: string;
}

/**
 * Delivers answers: the log until Slack is configured, a Slack thread then. `deliver` is called once per
 * incident and returns a reference that `update` gets back (to edit the message, reply in its thread).
 * Throwing makes the job retry (with backoff); the diagnosis is kept, so a retry only delivers. `fail`
 * tells whoever waits (a "diagnosing…" placeholder) that no answer will come.
 */
export interface Notifier {
  deliver(answer: Answer, log: Logger): Promise<DeliveryRef>;
  update(answer: Answer, delivery: DeliveryRef, log: Logger): Promise<DeliveryRef | undefined>;
  fail?(failure: Unanswered, log: Logger): Promise<void>;
}
