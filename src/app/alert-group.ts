import { sha256Hex } from '../core/model/canonical-json.js';
import { alertIdentity } from '../core/parse/parse-alert.js';
import type { AlertmanagerWebhook } from './alertmanager-webhook.js';

/**
 * One Alertmanager notification seen as the state of its alert group: which alerts fire, since when,
 * when they ended. Job ids, incident ids and coalescing keys are derived from it, deterministically, so
 * redeliveries and the identical notifications of an Alertmanager HA pair collapse into one job.
 */

export type AlertStatus = 'firing' | 'resolved';

export interface AlertGroup {
  /** A hash of the group key (which contains `:` and `{}`, both unwelcome in Redis keys and job ids). */
  readonly groupId: string;
  readonly groupKey: string;
  readonly status: AlertStatus;
  /** The fingerprints and statuses that make this notification what it is, sorted. */
  readonly alerts: readonly { readonly fingerprint: string; readonly status: AlertStatus }[];
  readonly snapshot: GroupSnapshot;
  /** Alerts for the same service/peer share it (absent when the alerts name neither). */
  readonly coalesceKey?: string;
}

/** What a diagnosis remembers of a group; equal snapshots mean nothing changed. */
export interface GroupSnapshot {
  readonly groupKey: string;
  readonly status: AlertStatus;
  /** Alerts in the group, including those Alertmanager left out (`truncatedAlerts`). */
  readonly alerts: number;
  readonly firing: number;
  readonly names: readonly string[];
  readonly service?: string;
  readonly peer?: string;
  /** Earliest start of the group's alerts (epoch ms). */
  readonly startsAt?: number;
  /** Latest end of its resolved alerts (epoch ms). */
  readonly endsAt?: number;
}

/** Alertmanager writes `0001-01-01T00:00:00Z` for "not ended"; nanosecond fractions parse fine. */
export function parseAlertTime(s: string | undefined): number | undefined {
  if (!s || s.startsWith('0001-')) return undefined;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
}

/** Job and incident ids for content from a source: hashed, so they never contain `:`. */
export function idsFor(source: string, key: string): { readonly jobId: string; readonly incidentId: string } {
  const h = sha256Hex(`${source}\n${key}`);
  return { jobId: `${source}-${h.slice(0, 40)}`, incidentId: `inc-${h.slice(0, 12)}` };
}

export function describeAlertGroup(payload: AlertmanagerWebhook): AlertGroup {
  const alerts = payload.alerts
    .map((a) => ({ fingerprint: a.fingerprint, status: a.status }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const { identity, names: unsorted } = alertIdentity(payload);
  const names = [...unsorted].sort();
  let startsAt: number | undefined;
  let endsAt: number | undefined;
  let firing = 0;
  for (const a of payload.alerts) {
    if (a.status === 'firing') firing++;
    const s = parseAlertTime(a.startsAt);
    if (s !== undefined && (startsAt === undefined || s < startsAt)) startsAt = s;
    const e = a.status === 'resolved' ? parseAlertTime(a.endsAt) : undefined;
    if (e !== undefined && (endsAt === undefined || e > endsAt)) endsAt = e;
  }
  const service = identity.service;
  const peer = identity.peer;
  const snapshot: GroupSnapshot = {
    groupKey: payload.groupKey,
    status: payload.status,
    alerts: payload.alerts.length + (payload.truncatedAlerts ?? 0),
    firing: firing + (payload.status === 'firing' ? (payload.truncatedAlerts ?? 0) : 0),
    names,
    ...(service === undefined ? {} : { service }),
    ...(peer === undefined ? {} : { peer }),
    ...(startsAt === undefined ? {} : { startsAt }),
    ...(endsAt === undefined ? {} : { endsAt }),
  };
  return {
    groupId: `g-${sha256Hex(payload.groupKey).slice(0, 32)}`,
    groupKey: payload.groupKey,
    status: payload.status,
    alerts,
    snapshot,
    ...(service === undefined && peer === undefined
      ? {}
      : { coalesceKey: `sp-${sha256Hex(`${service ?? ''}\n${peer ?? ''}`).slice(0, 32)}` }),
  };
}

/** The ids of the job for this notification: group key, group status, and every fingerprint with its status. */
export function alertGroupIds(group: AlertGroup): { readonly jobId: string; readonly incidentId: string } {
  const key = [group.groupKey, group.status, ...group.alerts.map((a) => `${a.fingerprint}=${a.status}`)].join(
    '\n',
  );
  return idsFor('am', key);
}

/**
 * The latest start of the notification's firing alerts, undefined when there are none or a start cannot
 * be read: the notification is stale when it is no later than the group's last resolution (every firing
 * alert started before the group ended).
 */
export function latestFiringStart(payload: AlertmanagerWebhook): number | undefined {
  let latest: number | undefined;
  for (const a of payload.alerts) {
    if (a.status !== 'firing') continue;
    const s = parseAlertTime(a.startsAt);
    if (s === undefined) return undefined;
    latest = latest === undefined ? s : Math.max(latest, s);
  }
  return latest;
}
