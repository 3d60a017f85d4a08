import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAlert } from '../core/parse/parse-alert.js';
import {
  alertGroupIds,
  describeAlertGroup,
  idsFor,
  latestFiringStart,
  parseAlertTime,
} from './alert-group.js';
import { type AlertmanagerWebhook, AlertmanagerWebhookSchema } from './alertmanager-webhook.js';

function webhook(
  alerts: { fingerprint: string; status: 'firing' | 'resolved'; service?: string }[],
  extra = {},
) {
  return AlertmanagerWebhookSchema.parse({
    version: '4',
    groupKey: '{}:{alertname="HighLatency"}',
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    receiver: 'bot',
    alerts: alerts.map((a) => ({
      status: a.status,
      fingerprint: a.fingerprint,
      labels: { alertname: 'HighLatency', service: a.service ?? 'checkout' },
      startsAt: '2026-11-24T12:39:08Z',
      endsAt: a.status === 'resolved' ? '2026-11-24T12:53:08Z' : '0001-01-01T00:00:00Z',
    })),
    ...extra,
  });
}

const ids = (w: AlertmanagerWebhook) => alertGroupIds(describeAlertGroup(w));

describe('alert group ids', () => {
  const a = { fingerprint: '0a09bfbd0e399c4a', status: 'firing' as const };
  const b = { fingerprint: '15555e7f668a9981', status: 'firing' as const };

  it('are the same for the same alerts in any order (redeliveries, HA peers)', () => {
    expect(ids(webhook([a, b]))).toEqual(ids(webhook([b, a])));
  });

  it('change when an alert changes status or joins', () => {
    const base = ids(webhook([a, b])).jobId;
    expect(ids(webhook([{ ...a, status: 'resolved' }, b])).jobId).not.toBe(base);
    expect(ids(webhook([a, b, { fingerprint: 'eb2547c91ec96f24', status: 'firing' }])).jobId).not.toBe(base);
    expect(ids(webhook([a, b], { groupKey: '{}:{alertname="Other"}' })).jobId).not.toBe(base);
  });

  it('never contain ":" (BullMQ job ids may not)', () => {
    const { jobId, incidentId } = ids(webhook([a]));
    expect(jobId).toMatch(/^am-[0-9a-f]{40}$/);
    expect(incidentId).toMatch(/^inc-[0-9a-f]{12}$/);
    expect(describeAlertGroup(webhook([a])).groupId).toMatch(/^g-[0-9a-f]{32}$/);
    expect(idsFor('slack', 'Ev0123:abc').jobId).not.toContain(':');
  });

  it('coalesce by service/peer, not by group', () => {
    const one = describeAlertGroup(webhook([a]));
    const other = describeAlertGroup(webhook([a], { groupKey: '{}:{alertname="Errors"}' }));
    const elsewhere = describeAlertGroup(webhook([{ ...a, service: 'search' }]));
    expect(one.coalesceKey).toBeDefined();
    expect(other.coalesceKey).toBe(one.coalesceKey);
    expect(elsewhere.coalesceKey).not.toBe(one.coalesceKey);
  });

  it('snapshot the group: counts (with truncated alerts), first start, last end', () => {
    const s = describeAlertGroup(webhook([a, { ...b, status: 'resolved' }], { truncatedAlerts: 2 })).snapshot;
    expect(s).toMatchObject({
      status: 'firing',
      alerts: 4,
      firing: 3,
      names: ['HighLatency'],
      service: 'checkout',
    });
    expect(s.startsAt).toBe(Date.parse('2026-11-24T12:39:08Z'));
    expect(s.endsAt).toBe(Date.parse('2026-11-24T12:53:08Z'));
  });
});

describe('parseAlertTime', () => {
  it.each([
    ['0001-01-01T00:00:00Z', undefined],
    ['2026-11-24T12:40:05.567607001Z', Date.parse('2026-11-24T12:40:05.567Z')],
    ['not a time', undefined],
    [undefined, undefined],
  ])('%s', (s, t) => {
    expect(parseAlertTime(s)).toBe(t);
  });
});

describe('latestFiringStart', () => {
  const at = (startsAt: string, status: 'firing' | 'resolved' = 'firing') => ({
    status,
    fingerprint: startsAt,
    labels: { alertname: 'HighLatency' },
    startsAt,
    endsAt: '0001-01-01T00:00:00Z',
  });
  const of = (alerts: ReturnType<typeof at>[]) =>
    latestFiringStart(
      AlertmanagerWebhookSchema.parse({
        version: '4',
        groupKey: 'g',
        status: 'firing',
        receiver: 'bot',
        alerts,
      }),
    );

  it('is the latest start of the firing alerts, resolved ones left aside', () => {
    expect(
      of([at('2026-11-24T12:00:00Z'), at('2026-11-24T12:05:00Z'), at('2026-11-24T13:00:00Z', 'resolved')]),
    ).toBe(Date.parse('2026-11-24T12:05:00Z'));
  });

  it('cannot be told when an alert has no readable start, or none fires', () => {
    expect(of([at('2026-11-24T12:00:00Z'), at('0001-01-01T00:00:00Z')])).toBeUndefined();
    expect(of([at('2026-11-24T12:00:00Z', 'resolved')])).toBeUndefined();
  });
});

describe('a group reads its service, peer and names as the alert parser does', () => {
  const dir = fileURLToPath(new URL('../../test/fixtures/alertmanager/', import.meta.url));
  const captures = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it.each(captures)('%s', (file) => {
    const payload = AlertmanagerWebhookSchema.parse(JSON.parse(readFileSync(`${dir}${file}`, 'utf8')).body);
    const parsed = parseAlert(payload);
    if (!parsed.ok) throw new Error(parsed.error);
    const { snapshot } = describeAlertGroup(payload);
    expect(snapshot.names).toEqual([...parsed.facts.names].sort());
    expect({ service: snapshot.service, peer: snapshot.peer }).toEqual({
      service: parsed.facts.identity.service,
      peer: parsed.facts.identity.peer,
    });
  });

  it('with the common labels before each alert own, and a peer from a later alert', () => {
    const w = AlertmanagerWebhookSchema.parse({
      version: '4',
      groupKey: '{}:{alertname="Resets"}',
      status: 'firing',
      groupLabels: { alertname: 'Resets' },
      commonLabels: { app: 'cart' },
      alerts: [
        { status: 'firing', fingerprint: 'a1', labels: { alertname: 'Resets', service: 'other' } },
        { status: 'firing', fingerprint: 'b2', labels: { alertname: 'Drops', upstream_cluster: 'db' } },
      ],
    });
    const parsed = parseAlert(w);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.facts.identity).toMatchObject({ service: 'cart', peer: 'db' });
    expect(describeAlertGroup(w).snapshot).toMatchObject({
      service: 'cart',
      peer: 'db',
      names: ['Drops', 'Resets'],
    });
  });
});
