import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../src/compose.js';
import { MetricCatalogueSchema } from '../../src/core/facts/metric-catalogue.js';
import { compileMetricQueries } from '../../src/core/facts/plan-metric-queries.js';
import { parsePromqlTemplate } from '../../src/core/facts/promql-template.js';
import { checkRuleFacts } from '../../src/core/rules/check-rule-facts.js';
import { bundledCore } from '../support/core.js';

const core = await bundledCore();
const raw = JSON.parse(await readFile(DEFAULT_CATALOGUE, 'utf8')) as unknown;

describe('the bundled metric catalogue', () => {
  it('covers the exporters the diagnosis relies on', () => {
    const exporters = core.catalogue.facts.map((f) => f.exporter).join('\n');
    for (const e of [
      /node_exporter \(netstat/,
      /node_exporter \(sockstat/,
      /node_exporter \(filefd/,
      /node_exporter$/m,
      /cAdvisor/,
      /advtcp/,
      /kube-state-metrics/,
      /Envoy cluster stats/,
      /Istio/,
      /ingress-nginx/,
      /HAProxy/,
      /prom-client/,
      /client_golang/,
      /Micrometer|client_java/,
    ])
      expect(exporters).toMatch(e);
  });

  it('says how to enable the opt-in node_exporter fields and the advtcp metrics', () => {
    const enable = (name: string) => core.catalogue.facts.find((f) => f.name === name)?.enable ?? '';
    expect(enable('tcp_abort_on_close')).toMatch(/--collector\.netstat\.fields=.*TCPAbortOn/);
    expect(enable('conns_per_request')).toMatch(/advtcp/);
  });

  it('has templates that put every entity inside an escaped matcher value', () => {
    for (const f of core.catalogue.facts) {
      for (const t of [f.promql, f.correlate?.errors, f.correlate?.traffic]) {
        if (t === undefined) continue;
        const parsed = parsePromqlTemplate(t);
        expect(parsed.problems, f.name).toEqual([]);
        expect(parsed.metrics.length, `${f.name} reads no metric`).toBeGreaterThan(0);
      }
    }
    expect(() => compileMetricQueries(core.catalogue)).not.toThrow();
  });

  it('rejects a template that would put a value outside a string, or an unknown label key', () => {
    const bad = structuredClone(raw) as { facts: { promql?: string }[] };
    const first = bad.facts[0];
    if (!first) throw new Error('empty catalogue');
    first.promql = 'sum(up{service={{service}}}) + sum(up{{{label.app}}="{{service}}"})';
    const r = MetricCatalogueSchema.safeParse(bad);
    expect(r.success).toBe(false);
    const messages = r.error?.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/outside a quoted label-matcher value/);
    expect(messages).toMatch(/\{\{label\.app\}\} needs "app" in the catalogue's labels/);
  });

  it('lets operators rename labels and add their own', () => {
    const custom = structuredClone(raw) as { labels: Record<string, string> };
    custom.labels.service = 'app';
    custom.labels.team = 'team';
    const r = MetricCatalogueSchema.safeParse(custom);
    expect(r.success).toBe(true);
    custom.labels.service = 'app"} or up{x="';
    expect(MetricCatalogueSchema.safeParse(custom).success).toBe(false);
  });

  it('is listed in docs/metrics.md, fact by fact', async () => {
    const doc = (await readFile(new URL('../../docs/metrics.md', import.meta.url), 'utf8')).split(
      '## The facts',
    )[1];
    const listed = new Set([...(doc ?? '').matchAll(/^\| `([a-z0-9_]+)` +\|/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual(core.catalogue.facts.map((f) => f.name).sort());
  });

  it('knows every fact the shipped rules read', () => {
    const problems = checkRuleFacts(core.ruleSet, core.catalogue);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
