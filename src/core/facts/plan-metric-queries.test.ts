import { describe, expect, it } from 'vitest';
import { compileRules } from '../rules/compile-rules.js';
import { MetricCatalogueSchema } from './metric-catalogue.js';
import {
  compileMetricQueries,
  discoveryQuery,
  metricFactsForRules,
  planMetricQueries,
  readDiscovery,
  templateValuesOf,
} from './plan-metric-queries.js';

const ENABLE = { exporter: 'x', enable: 'y', description: 'z' };
const catalogue = MetricCatalogueSchema.parse({
  labels: { service: 'app' },
  facts: [
    {
      name: 'restarts',
      unit: 'count',
      scope: 'pod',
      promql:
        'sum(increase(restarts_total{{{label.namespace}}="{{namespace}}",{{label.pod}}=~"{{pod}}"}[{{window}}]))',
      ...ENABLE,
    },
    {
      name: 'conntrack_usage_ratio',
      unit: 'ratio',
      scope: 'node',
      promql: 'max(ct{{{label.instance}}=~"{{instance}}"} / ct_limit{{{label.instance}}=~"{{instance}}"})',
      ...ENABLE,
    },
    {
      name: 'open_fds',
      unit: 'count',
      scope: 'service',
      promql: 'max(process_open_fds{{{label.service}}="{{service}}"})',
      presence: ['process_start_time_seconds'],
      ...ENABLE,
    },
    {
      name: 'envoy_overflow',
      unit: 'count',
      scope: 'peer',
      promql: 'sum(overflow{cluster=~".*{{peer}}.*"})',
      ...ENABLE,
    },
    {
      name: 'error_traffic_correlation',
      unit: 'correlation',
      scope: 'service',
      correlate: {
        errors: 'sum(rate(err{svc="{{service}}"}[5m]))',
        traffic: 'sum(rate(req{svc="{{service}}"}[5m]))',
      },
      ...ENABLE,
    },
    { name: 'accept_queue', unit: 'count', scope: 'service', ...ENABLE },
    { name: 'unused_fact', unit: 'count', scope: 'cluster', promql: 'sum(x)', ...ENABLE },
  ],
});
const compiled = compileMetricQueries(catalogue);

const rule = (id: string, fact: string) => ({
  id,
  cause: 'crash',
  weight: 1,
  conditions: { all: [{ fact, operator: 'greaterThan', value: 0 }] },
  evidence: 'e',
});

describe('metricFactsForRules', () => {
  it('lists the metric facts the rules read, also through state.X, that have a query', () => {
    const compiledRules = compileRules([
      {
        file: 'r.json',
        json: {
          rules: [
            rule('a.restarts', 'restarts'),
            rule('a.state', 'state.conntrack_usage_ratio'),
            rule('a.queue', 'accept_queue'),
            rule('a.corr', 'error_traffic_correlation'),
            rule('a.log', 'timing.idleGapS'),
          ],
        },
      },
    ]);
    if (!compiledRules.ok) throw new Error(JSON.stringify(compiledRules.problems));
    expect(metricFactsForRules(compiledRules.ruleSet, catalogue)).toEqual([
      'conntrack_usage_ratio',
      'error_traffic_correlation',
      'restarts',
    ]);
  });
});

describe('planMetricQueries', () => {
  const all = [
    'restarts',
    'conntrack_usage_ratio',
    'open_fds',
    'envoy_overflow',
    'error_traffic_correlation',
  ];

  it('plans the facts whose entities are known and blocks the others', () => {
    const plan = planMetricQueries(
      compiled,
      [...all, 'accept_queue', 'no_such_fact'],
      templateValuesOf({ service: 'cart', namespace: 'shop' }, '10m'),
    );
    expect(plan.planned).toEqual([
      {
        kind: 'instant',
        fact: 'restarts',
        promql: 'sum(increase(restarts_total{namespace="shop",pod=~"cart-.*"}[10m]))',
        presence: ['restarts_total'],
      },
      {
        kind: 'instant',
        fact: 'open_fds',
        promql: 'max(process_open_fds{app="cart"})',
        presence: ['process_start_time_seconds'],
      },
      {
        kind: 'correlation',
        fact: 'error_traffic_correlation',
        errors: 'sum(rate(err{svc="cart"}[5m]))',
        traffic: 'sum(rate(req{svc="cart"}[5m]))',
        presence: ['err', 'req'],
      },
    ]);
    expect(plan.blocked).toEqual([
      { fact: 'conntrack_usage_ratio', missing: ['instance'] },
      { fact: 'envoy_overflow', missing: ['peer'] },
    ]);
    expect(plan.unknown).toEqual(['accept_queue', 'no_such_fact']);
  });

  it('uses the exact pod when it is known, and the node for node facts', () => {
    const plan = planMetricQueries(
      compiled,
      ['restarts', 'conntrack_usage_ratio'],
      templateValuesOf({ service: 'cart', namespace: 'shop', pod: 'cart-1', node: 'n1' }, '5m'),
    );
    expect(plan.planned.map((p) => (p.kind === 'instant' ? p.promql : ''))).toEqual([
      'sum(increase(restarts_total{namespace="shop",pod=~"cart-1"}[5m]))',
      'max(ct{instance=~"n1(?::[0-9]+)?"} / ct_limit{instance=~"n1(?::[0-9]+)?"})',
    ]);
    expect(plan.blocked).toEqual([]);
  });

  it('blocks everything scoped when nothing is known', () => {
    const plan = planMetricQueries(compiled, all, templateValuesOf({}, '5m'));
    expect(plan.planned).toEqual([]);
    expect(plan.blocked.map((b) => b.fact)).toEqual(all);
  });
});

describe('discovery', () => {
  it('asks kube_pod_info for the namespace and nodes when they are what is missing', () => {
    const values = templateValuesOf({ service: 'ca"rt' }, '10m');
    const plan = planMetricQueries(compiled, ['restarts', 'conntrack_usage_ratio'], values);
    expect(discoveryQuery(plan, values, catalogue.labels)).toBe(
      'count by (namespace, pod, node, host_ip) (last_over_time(kube_pod_info{pod=~"ca\\"rt-.*"}[10m]))',
    );
  });

  it('is not asked when discovery cannot help', () => {
    const noPods = templateValuesOf({ peer: 'db' }, '10m');
    expect(discoveryQuery(planMetricQueries(compiled, ['restarts'], noPods), noPods, catalogue.labels)).toBe(
      undefined,
    );
    const peerOnly = templateValuesOf({ service: 'cart' }, '10m');
    expect(
      discoveryQuery(planMetricQueries(compiled, ['envoy_overflow'], peerOnly), peerOnly, catalogue.labels),
    ).toBe(undefined);
  });

  it('fills what it found: one namespace, every node', () => {
    const found = readDiscovery(
      [
        { namespace: 'shop', pod: 'cart-1', node: 'n1', host_ip: '10.0.0.1' },
        { namespace: 'shop', pod: 'cart-2', node: 'n2', host_ip: '10.0.0.2' },
      ],
      catalogue.labels,
    );
    const values = templateValuesOf({ service: 'cart' }, '10m', found);
    expect(values).toMatchObject({
      namespace: 'shop',
      nodes: ['n1', 'n2'],
      hostIps: ['10.0.0.1', '10.0.0.2'],
    });
    const plan = planMetricQueries(compiled, ['restarts', 'conntrack_usage_ratio'], values);
    expect(plan.blocked).toEqual([]);
  });

  it('does not guess between several namespaces', () => {
    const found = readDiscovery(
      [
        { namespace: 'a', pod: 'cart-1', node: 'n1' },
        { namespace: 'b', pod: 'cart-2', node: 'n1' },
      ],
      catalogue.labels,
    );
    const values = templateValuesOf({ service: 'cart' }, '10m', found);
    expect(values.namespace).toBeUndefined();
    expect(planMetricQueries(compiled, ['restarts'], values).blocked).toEqual([
      { fact: 'restarts', missing: ['namespace'] },
    ]);
  });
});
