import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Webhook requests captured from Debian's Alertmanager 0.25 (see test/fixtures/alertmanager/README.md). */
export const FIXTURES = {
  firingTruncated: 'real-am0.25-01-firing-truncated.json',
  partiallyResolved: 'real-am0.25-02-partially-resolved.json',
  allResolved: 'real-am0.25-03-all-resolved.json',
  amtoolAdded: 'real-am0.25-04-amtool-added.json',
  prometheusFiring: 'real-am0.25-05-from-prometheus-2.42-rule.json',
  prometheusResolved: 'real-am0.25-06-from-prometheus-2.42-resolved.json',
} as const;

const CaptureSchema = z.object({ body: z.record(z.string(), z.unknown()) });

/** The webhook body of a capture, as a fresh object (tests may change it). */
export function fixture(name: keyof typeof FIXTURES): Record<string, unknown> {
  const text = readFileSync(new URL(`../fixtures/alertmanager/${FIXTURES[name]}`, import.meta.url), 'utf8');
  return CaptureSchema.parse(JSON.parse(text)).body;
}

/**
 * A firing notification shaped like a real one (fixture 05) for its own group: `alertname` and `service`
 * vary, fingerprints follow from them.
 */
export function firingFor(alertname: string, service: string, startsAt = '2026-11-24T12:41:17.32Z') {
  const body = fixture('prometheusFiring');
  const labels = { alertname, instance: '127.0.0.1:19100', job: 'fake', service, severity: 'page' };
  const fingerprint = Buffer.from(`${alertname}/${service}`).toString('hex').slice(0, 16).padEnd(16, '0');
  return {
    ...body,
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `connection reset by peer on ${service}` },
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint,
      },
    ],
    groupLabels: { alertname, service },
    commonLabels: labels,
    commonAnnotations: { summary: `connection reset by peer on ${service}` },
    groupKey: `{}:{alertname="${alertname}", service="${service}"}`,
  };
}
