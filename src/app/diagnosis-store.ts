import type { Subject } from '../core/facts/gather-facts.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import type { GroupSnapshot } from './alert-group.js';

/**
 * Where diagnoses live between jobs (Redis in production): by incident id, and by alert group so that a
 * later notification of the same group (more alerts, a partial or full resolution) finds the diagnosis it
 * belongs to. Every change bumps `rev`; the notifier has shown `deliveredRev`, so `rev > deliveredRev`
 * means the answer needs an update.
 */

/** What the notifier returned for the first delivery (e.g. `{via: 'slack', channel, ts}`), handed back on updates. */
export type DeliveryRef = Readonly<Record<string, string>>;

export type IncidentStatus = 'open' | 'resolved';

export interface IncidentRecord {
  readonly incidentId: string;
  /** alertmanager, slack, ... */
  readonly source: string;
  readonly createdAt: number;
  readonly status: IncidentStatus;
  readonly rev: number;
  readonly deliveredRev: number;
  readonly diagnosis?: Diagnosis;
  /** What was diagnosed (kept with the diagnosis: "why not" and backtests re-run it). */
  readonly incident?: Incident;
  readonly subject?: Subject;
  readonly delivery?: DeliveryRef;
  /** Where the answer goes, when the job said (a Slack thread). */
  readonly reply?: Readonly<Record<string, string>>;
  /** The alert groups folded into this diagnosis, by group id. */
  readonly groups: Readonly<Record<string, GroupSnapshot>>;
  /** How many distinct jobs (notifications) contributed. */
  readonly jobs: number;
  /** When the last of its groups resolved (epoch ms). */
  readonly resolvedAt?: number;
  /**
   * When the notifier last showed the answer (delivered or updated it; epoch ms) and the status it showed.
   * Absent in records stored before the store kept them.
   */
  readonly shownAt?: number;
  readonly shownStatus?: IncidentStatus;
}

/** Where a record stands: its revision and the revision last shown. */
export interface Revision {
  readonly rev: number;
  readonly deliveredRev: number;
}

/** What the notifier has just shown: the revision of the record, its status, and when (epoch ms). */
export interface ShownAnswer {
  readonly rev: number;
  readonly status: IncidentStatus;
  readonly at: number;
}

/** A firing notification of an alert group, as the worker admits it. */
export interface AdmitRequest {
  readonly jobId: string;
  readonly groupId: string;
  readonly snapshot: GroupSnapshot;
  /** Present when alerts for the same service/peer may join an open diagnosis. */
  readonly coalesceKey?: string;
  /** The incident to create when neither the group nor the service/peer has one. */
  readonly incidentId: string;
  readonly windowS: number;
  readonly source: string;
  readonly createdAt: number;
  /**
   * The latest start of the notification's firing alerts (epoch ms); undefined when one cannot be told.
   * A notification whose alerts all started before the group last resolved is stale.
   */
  readonly latestStart?: number;
}

export interface Claim {
  readonly incidentId: string;
  /** new: a new incident; group: the group already had one; coalesced: another group's, same service/peer. */
  readonly joined: 'new' | 'group' | 'coalesced';
}

export interface UpsertInput {
  readonly incidentId: string;
  readonly source: string;
  readonly createdAt: number;
  readonly jobId: string;
  readonly reply?: Readonly<Record<string, string>>;
  readonly group?: { readonly groupId: string; readonly snapshot: GroupSnapshot };
}

/** `diagnosed`: a diagnosis is saved already (a redelivered job, another job of the incident). */
export interface Upserted {
  readonly changed: boolean;
  readonly diagnosed: boolean;
}

/** What admitting a firing notification came to: skipped, or the incident it belongs to, upserted. */
export type Admission =
  | { readonly outcome: 'cancelled' }
  | { readonly outcome: 'stale' }
  | ({ readonly outcome: 'admitted'; readonly claim: Claim } & Upserted);

export interface DiagnosisStore {
  /**
   * Admits a firing notification of an alert group atomically: nothing when its job was cancelled or it
   * is stale; else finds or creates the incident the group belongs to (`claim`) and upserts it as
   * `upsertIncident` does.
   */
  admitGroup(request: AdmitRequest): Promise<Admission>;
  /** Creates the incident record if missing; records the job; stores the group's snapshot. */
  upsertIncident(input: UpsertInput): Promise<Upserted>;
  /** Stores the diagnosis (and the incident it was made from) once; later calls keep the first. */
  saveDiagnosis(
    incidentId: string,
    diagnosis: Diagnosis,
    subject: Subject,
    incident?: Incident,
  ): Promise<{ readonly saved: boolean }>;
  /**
   * Records what the notifier has shown: the delivery reference, the revision and status it showed and
   * when. An older revision than the one recorded changes nothing but the reference. Answers where the
   * record stands afterwards (undefined when it expired), so a change made meanwhile is seen at once.
   */
  markDelivered(incidentId: string, delivery: DeliveryRef, shown: ShownAnswer): Promise<Revision | undefined>;
  /**
   * Records a group's resolution: its final snapshot, the end time (used to ignore stale notifications),
   * unlinks the group; the incident becomes resolved when all its groups are, and then stops collecting
   * alerts of its service/peer.
   */
  resolveGroup(input: {
    readonly incidentId: string;
    readonly groupId: string;
    readonly snapshot: GroupSnapshot;
    readonly resolvedAt: number;
    /** The group's service/peer key: once the incident is resolved, new alerts there start a new one. */
    readonly coalesceKey?: string;
  }): Promise<{ readonly changed: boolean }>;
  /** Remembers that a group resolved at `at` even when no diagnosis knew it. */
  markGroupResolved(groupId: string, at: number): Promise<void>;
  incidentOfGroup(groupId: string): Promise<string | undefined>;
  get(incidentId: string): Promise<IncidentRecord | undefined>;
  /** Incident ids, newest first (a later Slack delivery looks here for answers only logged so far). */
  recent(limit: number): Promise<readonly string[]>;
  /**
   * Runs `work` while no other worker delivers this incident's answer: a lock in Redis, so that updates of
   * one answer (an alert thread) are shown in order by any number of processes. `work` gets the record as
   * read once the lock was taken (undefined when there is none). Throws `ANSWER_BUSY` (retryable) when the
   * lock stays taken too long.
   */
  withAnswerLock<T>(incidentId: string, work: (record: IncidentRecord | undefined) => Promise<T>): Promise<T>;
  /** Marks a queued job as cancelled; the worker completes it without diagnosing. */
  cancelJob(jobId: string): Promise<void>;
  isCancelled(jobId: string): Promise<boolean>;
}
