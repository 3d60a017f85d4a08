import type { AlertmanagerPayload } from '../core/parse/parse-alert.js';
import type { AlertOrigin } from './diagnosis-requests.js';

/**
 * Where the answer to an Alertmanager group goes: one thread per group key; the channel named by a label
 * of the group (e.g. `slack_channel="#payments-oncall"`) when it looks like a channel, else the default.
 */

const CHANNEL = /^(?:[CGD][A-Z0-9]{6,20}|#?[a-z0-9][a-z0-9._-]{0,79})$/;

export function alertOriginOf(payload: AlertmanagerPayload, channelLabel = 'slack_channel'): AlertOrigin {
  const names = [...new Set(payload.alerts.map((a) => a.labels.alertname).filter((n): n is string => !!n))];
  const labelled = payload.commonLabels?.[channelLabel] ?? payload.groupLabels?.[channelLabel];
  const channel = labelled !== undefined && CHANNEL.test(labelled) ? labelled.replace(/^#/, '') : undefined;
  const groupKey =
    payload.groupKey ??
    `${payload.receiver ?? ''}:${JSON.stringify(payload.groupLabels ?? payload.commonLabels ?? { alertname: names[0] ?? '' })}`;
  return {
    kind: 'alert',
    groupKey,
    status: payload.status,
    names: names.slice(0, 50),
    count: payload.alerts.length + (payload.truncatedAlerts ?? 0),
    ...(channel ? { channel } : {}),
  };
}
