import type { Logger } from 'pino';
import type { Subject } from '../core/facts/gather-facts.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { DeliveryRef, IncidentStatus } from './diagnosis-store.js';

/** One answer as a notifier shows it: the diagnosis plus what happened to the alerts behind it. */
export interface Answer {
  readonly incidentId: string;
  readonly source: string;
  readonly status: IncidentStatus;
  readonly diagnosis: Diagnosis;
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

/**
 * Delivers answers: the log until Slack is configured, a Slack thread then. `deliver` is called once per
 * incident and returns a reference that `update` gets back (to edit the message, reply in its thread).
 * Throwing makes the job retry (with backoff); the diagnosis is kept, so a retry only delivers.
 */
export interface Notifier {
  deliver(answer: Answer, log: Logger): Promise<DeliveryRef>;
  update(answer: Answer, delivery: DeliveryRef, log: Logger): Promise<DeliveryRef | undefined>;
}
