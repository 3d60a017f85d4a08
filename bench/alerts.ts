import { createHash } from 'node:crypto';
import type { AlertmanagerWebhook } from '../src/app/alertmanager-webhook.js';

/**
 * Alertmanager webhook payloads (version 4, shaped like the captures in ../shared/fixtures/alertmanager/)
 * for the pipeline benchmarks. Each alert is about one service of a recorded metrics scenario: its service
 * label is `<scenario service>-<run>-<n>`, which is how the replaying metrics source finds its readings.
 */

interface AlertTemplate {
  readonly scenario: string;
  readonly alertname: string;
  readonly summary: string;
  readonly description: string;
}

export const ALERT_TEMPLATES: readonly AlertTemplate[] = [
  {
    scenario: 'memory-oom',
    alertname: 'KubeContainerOOMKilled',
    summary: 'Container restarted after an OOM kill',
    description: 'Callers see ECONNRESET and socket hang up while the container restarts (exit code 137).',
  },
  {
    scenario: 'conntrack-exhaustion',
    alertname: 'NodeConntrackTableFull',
    summary: 'Connection resets under load on a node near its conntrack limit',
    description: 'connection reset by peer for new connections; nf_conntrack: table full, dropping packet',
  },
  {
    scenario: 'overload',
    alertname: 'UpstreamResetsHigh',
    summary: 'ECONNRESET rises with traffic at peak',
    description: 'Resets grow with the request rate; event loop lag and CPU throttling during the peak.',
  },
  {
    scenario: 'fd-exhaustion',
    alertname: 'ProcessFileDescriptorsNearLimit',
    summary: 'Too many open files; connections reset',
    description: 'accept EMFILE: too many open files, clients see connection reset by peer.',
  },
  {
    scenario: 'ungraceful-shutdown',
    alertname: 'ResetsDuringRollout',
    summary: 'Connection resets during a rolling deploy',
    description: 'Clients get ECONNRESET while old pods are terminating during the rollout.',
  },
  {
    scenario: 'keepalive-mismatch',
    alertname: 'IntermittentConnectionResets',
    summary: 'Intermittent ECONNRESET on reused keep-alive connections behind the ALB',
    description:
      'Only after the service sat idle for a few minutes; retry succeeds. Node.js server behind an ALB.',
  },
];

const hex = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

export interface BenchAlert {
  readonly payload: AlertmanagerWebhook;
  readonly service: string;
}

/**
 * The firing notification of alert `i` in a run. `services` bounds the distinct services (each its own
 * coalescing key); by default every alert has its own service, so no two alerts share a diagnosis.
 * `run` keeps group keys unique across runs on the same queue.
 */
export function benchAlert(run: string, i: number, services?: number): BenchAlert {
  const n = services === undefined ? i : i % services;
  const t = ALERT_TEMPLATES[n % ALERT_TEMPLATES.length] ?? ALERT_TEMPLATES[0];
  if (!t) throw new Error('no alert templates');
  const scenarioService = SCENARIO_SERVICES[t.scenario] ?? t.scenario;
  const service = `${scenarioService}-${run}-${n}`;
  const labels = {
    alertname: t.alertname,
    service,
    namespace: 'bench',
    severity: 'page',
    instance: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:8080`,
  };
  const startsAt = new Date(Date.UTC(2024, 2, 1, 12, 29, 0) + (i % 60) * 1000).toISOString();
  const groupKey = `{}/{severity="page"}:{alertname="${t.alertname}", run="${run}", alert="${i}"}`;
  return {
    service,
    payload: {
      version: '4',
      groupKey,
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'reset-doctor',
      groupLabels: { alertname: t.alertname },
      commonLabels: labels,
      commonAnnotations: { summary: t.summary, description: t.description },
      externalURL: 'http://alertmanager:9093',
      alerts: [
        {
          status: 'firing',
          labels,
          annotations: { summary: t.summary, description: t.description },
          startsAt,
          endsAt: '0001-01-01T00:00:00Z',
          generatorURL: 'http://prometheus:9090/graph?g0.expr=up',
          fingerprint: hex(`${run}/${i}`, 16),
        },
      ],
    },
  };
}

/** The service each recorded scenario is about (test/prometheus/fixtures/scenarios.ts). */
export const SCENARIO_SERVICES: Readonly<Record<string, string>> = {
  'memory-oom': 'cart',
  'conntrack-exhaustion': 'indexer',
  overload: 'api',
  'fd-exhaustion': 'uploader',
  'ungraceful-shutdown': 'checkout',
  'keepalive-mismatch': 'billing',
};

/** `cart-steady-17` → `cart`: the scenario service a bench service belongs to. */
export function scenarioServiceOf(service: string): string {
  const dash = service.indexOf('-');
  return dash === -1 ? service : service.slice(0, dash);
}
