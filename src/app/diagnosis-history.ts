import type { Cause } from '../core/model/causes.js';
import type { Incident } from '../core/model/incident.js';

/**
 * Past incidents to judge a rule change against. Implemented by a JSONL file (a labelled corpus or plain
 * incidents) and, in the bot, by the store of past diagnoses (Redis), so a backtest can replay what the bot
 * has actually seen.
 */

export interface IncidentLabel {
  readonly primary: Cause;
  readonly secondary?: Cause | null;
}

export interface PastIncident {
  readonly id: string;
  readonly incident: Incident;
  /** What the cause turned out to be, when someone said so. */
  readonly label?: IncidentLabel;
  /** When it was diagnosed (ISO 8601), when the history knows. */
  readonly at?: string;
}

export interface ListHistoryOptions {
  /** Only incidents diagnosed at or after this time (ISO 8601). */
  readonly since?: string;
  /** At most this many, newest first when the history is ordered by time. */
  readonly limit?: number;
}

export interface DiagnosisHistory {
  /** A description for reports ("corpus/dev.jsonl", "redis://.../{rd}"). */
  readonly name: string;
  list(options?: ListHistoryOptions): AsyncIterable<PastIncident>;
}
