import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusMetricsSource } from '../../src/adapters/prometheus/create-prometheus-metrics-source.js';
import { createPrometheusApi } from '../../src/adapters/prometheus/prometheus-api.js';
import type { FetchedMetrics } from '../../src/core/facts/gather-facts.js';
import { MetricCatalogueSchema } from '../../src/core/facts/metric-catalogue.js';
import {
  compileMetricQueries,
  metricFactsForRules,
  planMetricQueries,
  templateValuesOf,
} from '../../src/core/facts/plan-metric-queries.js';
import type { Incident } from '../../src/core/model/incident.js';
import { bundledCore } from '../support/core.js';
import { apiRequestsServed, startCountingProxy } from '../support/counting-proxy.js';
import { freePort, type RunningPrometheus, startPrometheus } from '../support/prometheus.js';
import { runCli } from '../support/run-cli.js';
import { AT, openMetrics, SCENARIOS, type ScenarioName } from './fixtures/scenarios.js';

const core = await bundledCore();
const FACTS = metricFactsForRules(core.ruleSet, core.catalogue);
const AT_ISO = new Date(AT).toISOString();
let prom: RunningPrometheus;

beforeAll(async () => {
  prom = await startPrometheus(openMetrics());
}, 60_000);
afterAll(async () => {
  await prom?.stop();
});

const sourceOf = (url: string, extra: Partial<Parameters<typeof createPrometheusMetricsSource>[0]> = {}) =>
  createPrometheusMetricsSource({ url, catalogue: core.catalogue, correlationRange: '2h', ...extra });

async function diagnoseWithMetrics(incident: Incident, url = prom.url) {
  const { subject, at } = core.gather(incident);
  const fetched = await sourceOf(url).fetch({ subject, facts: FACTS, ...(at === undefined ? {} : { at }) });
  return { fetched, diagnosis: await core.diagnose(incident, { fetched }) };
}

describe('the catalogue on a real Prometheus', () => {
  it('every query of every fact executes without error', async () => {
    const api = createPrometheusApi({ url: prom.url });
    const compiled = compileMetricQueries(core.catalogue);
    const values = templateValuesOf(
      {
        service: 'cart',
        peer: 'payments',
        namespace: 'shop',
        pod: 'cart-6d5f7b9c4-x2x9z',
        container: 'cart',
        node: 'node-a',
        instance: 'node-a:9100',
      },
      '15m',
    );
    const names = core.catalogue.facts.map((f) => f.name);
    const plan = planMetricQueries(compiled, names, values);
    expect(plan.blocked).toEqual([]);
    const queried = core.catalogue.facts.filter((f) => f.promql !== undefined || f.correlate !== undefined);
    expect(plan.planned.map((p) => p.fact).sort()).toEqual(queried.map((f) => f.name).sort());
    const opts = { signal: new AbortController().signal, timeoutMs: 10_000 };
    const failures: string[] = [];
    let withData = 0;
    for (const q of plan.planned) {
      try {
        if (q.kind === 'instant') {
          const r = await api.instant(q.promql, AT / 1000, opts);
          if (r.data.length > 0) withData++;
        } else {
          await api.range(q.errors, AT / 1000 - 3600, AT / 1000, 60, opts);
          await api.range(q.traffic, AT / 1000 - 3600, AT / 1000, 60, opts);
          withData++;
        }
      } catch (e) {
        failures.push(`${q.fact}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(failures).toEqual([]);
    // The fixture feeds most of them, so the selectors match what exporters really export.
    expect(withData).toBeGreaterThanOrEqual(35);
  });

  it('a query Prometheus refuses marks its fact as an error and the answer as degraded', async () => {
    const broken = MetricCatalogueSchema.parse({
      facts: [
        ...core.catalogue.facts.filter((f) => f.name === 'restarts'),
        {
          name: 'broken',
          unit: 'count',
          scope: 'service',
          description: 'unbalanced parenthesis',
          promql: 'sum(rate(process_open_fds{service="{{service}}"}[5m])',
          exporter: 'x',
          enable: 'y',
        },
      ],
    });
    const source = createPrometheusMetricsSource({ url: prom.url, catalogue: broken });
    const r = await source.fetch({
      subject: { service: 'cart', namespace: 'shop' },
      at: AT,
      facts: ['restarts', 'broken'],
    });
    expect(r.states).toEqual({ restarts: 'value', broken: 'error' });
    expect(r.values.restarts).toBe(1);
    expect(r.degraded).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/bad_data.*broken/s);
  });
});

const EXPECTED: Record<ScenarioName, string> = {
  'memory-oom': 'memory-oom',
  'conntrack-exhaustion': 'conntrack-exhaustion',
  overload: 'overload',
  'fd-exhaustion': 'fd-exhaustion',
  'ungraceful-shutdown': 'ungraceful-shutdown',
  'keepalive-mismatch': 'keepalive-mismatch',
};

describe('recorded metrics alone', () => {
  it.each(Object.entries(EXPECTED))(
    '%s: only the service and the time, and %s ranks first',
    async (name, cause) => {
      const sc = SCENARIOS[name as ScenarioName];
      const { fetched, diagnosis } = await diagnoseWithMetrics({ service: sc.service, at: AT_ISO });
      expect(fetched.degraded).toBe(false);
      expect(diagnosis.degraded).toBe(false);
      expect(diagnosis.hypotheses[0]?.cause).toBe(cause);
      expect(diagnosis.hypotheses[0]?.evidence.some((e) => e.for && e.source.startsWith('metric:'))).toBe(
        true,
      );
      // Discovery found the namespace and the node: pod and node facts have values.
      expect(fetched.states.restarts).toBe('value');
      expect(fetched.states.conntrack_usage_ratio).toBe('value');
    },
  );

  it('without them the same incident proves nothing', async () => {
    const d = await core.diagnose({ service: 'cart', at: AT_ISO });
    expect(d.hypotheses).toEqual([]);
  });

  it('gives every fact a state and says what is missing and how to get it', async () => {
    const { fetched, diagnosis } = await diagnoseWithMetrics({ service: 'cart', at: AT_ISO });
    expect(Object.keys(fetched.states).sort()).toEqual([...FACTS].sort());
    expect(fetched.values).toMatchObject({ restarts: 1, oom_kills: 1, last_terminated_oom: 1 });
    expect(fetched.values.memory_usage_ratio).toBeGreaterThan(0.95);
    expect(fetched.states).toMatchObject({
      restarts: 'value',
      nat_idle_timeouts: 'not-scraped',
      tcp_abort_on_memory: 'not-scraped',
      envoy_overflow: 'not-fetched',
      uo_responses: 'no-data',
      error_traffic_correlation: 'no-data',
    });
    expect(fetched.warnings.join('\n')).toMatch(/does not name the peer: .*envoy_overflow/);
    // Where the pod runs, found in Prometheus, fills the next steps.
    const sc = SCENARIOS['memory-oom'];
    expect(fetched.discovered).toEqual({ namespace: sc.namespace, pod: sc.pod, node: sc.node });
    const commands = diagnosis.hypotheses.flatMap((h) => h.nextSteps.map((n) => n.command)).join('\n');
    expect(commands).toContain(`kubectl describe pod '${sc.pod}' -n '${sc.namespace}'`);
    expect(diagnosis.facts['state.tcp_abort_on_memory']).toBe('not-scraped');
    const missing = diagnosis.hypotheses.flatMap((h) => h.missing).join('\n');
    expect(missing).toMatch(/tcp_abort_on_memory \(not scraped\).*--collector\.netstat\.fields/);
  });

  it('correlates errors with traffic: negative for the keep-alive family, positive under load', async () => {
    const quiet = await diagnoseWithMetrics({ service: SCENARIOS['keepalive-mismatch'].service, at: AT_ISO });
    const busy = await diagnoseWithMetrics({ service: SCENARIOS.overload.service, at: AT_ISO });
    expect(quiet.fetched.values.error_traffic_correlation).toBeLessThan(-0.3);
    expect(busy.fetched.values.error_traffic_correlation).toBeGreaterThan(0.3);
  });

  it('sends Prometheus a query timeout it understands, fractions of a second too', async () => {
    const source = sourceOf(prom.url, { queryTimeoutMs: 1500 });
    const r = await source.fetch({ subject: { service: 'uploader' }, at: AT, facts: ['fd_usage_ratio'] });
    expect(r.states).toEqual({ fd_usage_ratio: 'value' });
  });

  it('matches untrusted label values literally', async () => {
    const source = sourceOf(prom.url);
    const fds = async (service: string) =>
      (await source.fetch({ subject: { service }, at: AT, facts: ['open_fds'] })).values.open_fds;
    expect(await fds('we"ird.svc')).toBe(7);
    expect(await fds('weXird.svc')).toBe(999);
    expect(await fds('back\\slash')).toBe(11);
    expect(await fds('we.ird.svc')).toBeUndefined();
    expect(await fds('weXird.svc"} or vector(5) or up{x="')).toBeUndefined();
    const overflows = async (node: string) =>
      (await source.fetch({ subject: { node }, at: AT, facts: ['listen_overflows'] })).states
        .listen_overflows;
    expect(await overflows('node-c')).toBe('value');
    expect(await overflows('node.c')).toBe('no-data');
  });
});

function alert(i: number) {
  return {
    status: 'firing',
    labels: {
      alertname: `ConnectionResets${i % 7}`,
      service: 'cart',
      namespace: 'shop',
      severity: 'page',
      instance: `10.1.0.${i % 4}:8080`,
    },
    annotations: { summary: 'connection reset by peer' },
    startsAt: new Date(AT - (i % 50) * 1000).toISOString(),
    endsAt: '0001-01-01T00:00:00Z',
    fingerprint: (0x1000_0000 + i).toString(16),
  };
}

describe('an alert storm', () => {
  it('of 200 alerts for one service asks Prometheus each distinct query once per cache period', async () => {
    const proxy = await startCountingProxy(prom.url);
    try {
      let clock = AT + 120_000;
      const source = sourceOf(proxy.url, { now: () => clock, cacheTtlMs: 60_000 });
      const storm = () =>
        Promise.all(
          Array.from({ length: 200 }, async (_, i): Promise<[FetchedMetrics, string | undefined]> => {
            const incident: Incident = { alert: alert(i) };
            const { subject, at } = core.gather(incident);
            const fetched = await source.fetch({
              subject,
              facts: FACTS,
              ...(at === undefined ? {} : { at }),
            });
            const d = await core.diagnose(incident, { fetched });
            return [fetched, d.hypotheses[0]?.cause];
          }),
        );
      const counts = () => {
        const m = new Map<string, number>();
        for (const r of proxy.requests) m.set(r, (m.get(r) ?? 0) + 1);
        return [...new Set(m.values())];
      };
      const servedBefore = await apiRequestsServed(prom.url);

      const first = await storm();
      expect(first.every(([f, top]) => !f.degraded && top === 'memory-oom')).toBe(true);
      const distinct = proxy.requests.length;
      expect(counts()).toEqual([1]);
      // 4 instances in the alerts: node queries differ by instance, the others are shared by all 200.
      expect(distinct).toBeLessThan(4 * FACTS.length);
      // Prometheus itself saw exactly those requests.
      await expect.poll(async () => (await apiRequestsServed(prom.url)) - servedBefore).toBe(distinct);

      clock += 30_000;
      await storm();
      expect(proxy.requests.length).toBe(distinct);

      clock += 61_000;
      const third = await storm();
      expect(third.every(([f]) => !f.degraded)).toBe(true);
      expect(proxy.requests.length).toBe(2 * distinct);
      expect(counts()).toEqual([2]);
      expect(source.stats().requests).toBe(2 * distinct);
    } finally {
      await proxy.close();
    }
  });
});

describe('reset-doctor diagnose --prometheus', () => {
  it('diagnoses from a live Prometheus with no log at all', async () => {
    const r = await runCli([
      'diagnose',
      '--prometheus',
      prom.url,
      '--service',
      SCENARIOS['conntrack-exhaustion'].service,
      '--at',
      AT_ISO,
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { hypotheses: { cause: string }[]; facts: Record<string, unknown> };
    expect(d.hypotheses[0]?.cause).toBe('conntrack-exhaustion');
    expect(d.facts.conntrack_usage_ratio).toBeGreaterThan(0.99);
  });

  it('takes --namespace, --pod, --peer and --window, and prints text', async () => {
    const sc = SCENARIOS['memory-oom'];
    const r = await runCli([
      'diagnose',
      '--prometheus',
      prom.url,
      '--service',
      sc.service,
      '--namespace',
      sc.namespace,
      '--pod',
      sc.pod,
      '--peer',
      'payments',
      '--window',
      '10m',
      '--at',
      AT_ISO,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/memory-oom/);
    expect(r.stdout).not.toMatch(/does not name the peer/);
  });

  it('diagnoses a batch, each line with its metrics', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reset-doctor-batch-'));
    const file = join(dir, 'incidents.jsonl');
    const lines = (['fd-exhaustion', 'ungraceful-shutdown'] as const).map((name) =>
      JSON.stringify({ service: SCENARIOS[name].service, at: AT_ISO }),
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await runCli(['diagnose', '--prometheus', prom.url, '--batch', file, '--format', 'json']);
    await rm(dir, { recursive: true, force: true });
    expect(r.code).toBe(0);
    const tops = r.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { hypotheses: { cause: string }[] }).hypotheses[0]?.cause);
    expect(tops).toEqual(['fd-exhaustion', 'ungraceful-shutdown']);
  });

  it('still answers, degraded, when Prometheus is not there', async () => {
    const r = await runCli(
      ['diagnose', '--prometheus', `http://127.0.0.1:${await freePort()}`, '--log', '-', '--service', 'a'],
      { stdin: 'nf_conntrack: table full, dropping packet\n' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/most likely conntrack-exhaustion/);
    expect(r.stdout).toMatch(/degraded/);
    expect(r.stdout).toMatch(/ECONNREFUSED/);
  });

  it.each([
    [['--prometheus', 'ftp://x', '--service', 'a'], /invalid Prometheus URL/],
    [['--prometheus', 'http://127.0.0.1:9', '--service', 'a', '--window', '15 minutes'], /--window/],
    [['--service', 'a', '--window', '10m'], /--window needs --prometheus/],
    [['--service', 'a', '--at', 'yesterday'], /--at/],
  ])('rejects bad usage %j', async (args, message) => {
    const r = await runCli(['diagnose', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
