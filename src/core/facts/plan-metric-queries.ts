import type { RuleSet } from '../rules/compile-rules.js';
import type { Subject } from './gather-facts.js';
import type { MetricCatalogue } from './metric-catalogue.js';
import {
  escapePromqlString,
  escapeRegex,
  type ParsedTemplate,
  parsePromqlTemplate,
  renderPromqlTemplate,
  type ScopePlaceholder,
  type TemplateValues,
} from './promql-template.js';

/**
 * Which metric facts to fetch for one incident, and the PromQL for each: only the facts the rules read,
 * only those whose entities (service, pod, node …) are known. Pure: the Prometheus adapter runs the plan.
 */

/** Metric facts that rules read (directly or as `state.X`) and that have a query. Sorted by name. */
export function metricFactsForRules(ruleSet: RuleSet, catalogue: MetricCatalogue): string[] {
  const read = new Set<string>();
  for (const rule of ruleSet.rules)
    for (const f of rule.facts) read.add(f.startsWith('state.') ? f.slice('state.'.length) : f);
  return catalogue.facts
    .filter((f) => read.has(f.name) && (f.promql !== undefined || f.correlate !== undefined))
    .map((f) => f.name)
    .sort();
}

interface CompiledFact {
  readonly name: string;
  readonly promql?: ParsedTemplate;
  readonly correlate?: { readonly errors: ParsedTemplate; readonly traffic: ParsedTemplate };
  /** Metric names whose presence shows the exporter is scraped. */
  readonly presence: readonly string[];
}

/** The catalogue's templates, parsed once. */
export interface CompiledMetricQueries {
  readonly labels: Readonly<Record<string, string>>;
  readonly facts: ReadonlyMap<string, CompiledFact>;
}

export function compileMetricQueries(catalogue: MetricCatalogue): CompiledMetricQueries {
  const facts = new Map<string, CompiledFact>();
  for (const f of catalogue.facts) {
    const parse = (t: string) => {
      const parsed = parsePromqlTemplate(t);
      if (parsed.problems.length > 0)
        throw new Error(`metric fact ${f.name}: invalid PromQL template: ${parsed.problems.join('; ')}`);
      return parsed;
    };
    if (f.unit === 'correlation' && f.correlate) {
      const errors = parse(f.correlate.errors);
      const traffic = parse(f.correlate.traffic);
      facts.set(f.name, {
        name: f.name,
        correlate: { errors, traffic },
        presence: f.presence ?? [...new Set([...errors.metrics, ...traffic.metrics])],
      });
    } else if (f.promql !== undefined) {
      const promql = parse(f.promql);
      facts.set(f.name, { name: f.name, promql, presence: f.presence ?? promql.metrics });
    }
  }
  return { labels: catalogue.labels, facts };
}

/** Nodes, namespaces and pods found for the incident's pods (kube_pod_info). */
export interface Discovered {
  readonly namespaces: readonly string[];
  readonly nodes: readonly string[];
  readonly hostIps: readonly string[];
  readonly pods: readonly string[];
}

/** Most nodes a node-scoped query is asked about (a service spread over more nodes is cut here). */
export const MAX_NODES = 32;

/** What the queries of an incident are about, from the incident's subject and what discovery found. */
export function templateValuesOf(
  subject: Subject,
  window: string,
  discovered?: Discovered,
  options: { readonly instance?: boolean } = {},
): TemplateValues {
  const namespace =
    subject.namespace ?? (discovered?.namespaces.length === 1 ? discovered.namespaces[0] : undefined);
  const nodes = subject.node ? [subject.node] : (discovered?.nodes ?? []).slice(0, MAX_NODES);
  const hostIps = subject.node ? [] : (discovered?.hostIps ?? []).slice(0, MAX_NODES);
  const podPattern = subject.pod
    ? escapeRegex(subject.pod)
    : subject.service
      ? `${escapeRegex(subject.service)}-.*`
      : undefined;
  return {
    window,
    ...(namespace === undefined ? {} : { namespace }),
    ...(subject.service === undefined ? {} : { service: subject.service }),
    ...(subject.peer === undefined ? {} : { peer: subject.peer }),
    ...(subject.container === undefined ? {} : { container: subject.container }),
    ...(subject.pod === undefined ? {} : { pod: subject.pod }),
    ...(podPattern === undefined ? {} : { podPattern }),
    ...(nodes.length > 0 ? { nodes } : {}),
    ...(hostIps.length > 0 ? { hostIps } : {}),
    ...(subject.instance === undefined || options.instance === false
      ? {}
      : { instances: [subject.instance] }),
  };
}

/**
 * Values for the first round of queries, before discovery. When the node is not named but the pods are
 * known, node queries wait for discovery even if the alert gave an `instance`: an application's instance
 * is the pod's address, which says nothing about the node it runs on.
 */
export function valuesBeforeDiscovery(subject: Subject, window: string): TemplateValues {
  const values = templateValuesOf(subject, window);
  if (subject.node !== undefined || values.podPattern === undefined) return values;
  return templateValuesOf(subject, window, undefined, { instance: false });
}

export type PlannedQuery =
  | {
      readonly kind: 'instant';
      readonly fact: string;
      readonly promql: string;
      readonly presence: readonly string[];
    }
  | {
      readonly kind: 'correlation';
      readonly fact: string;
      readonly errors: string;
      readonly traffic: string;
      readonly presence: readonly string[];
    };

export interface MetricQueryPlan {
  readonly planned: readonly PlannedQuery[];
  /** Facts whose query needs an entity the incident does not name. */
  readonly blocked: readonly { readonly fact: string; readonly missing: readonly ScopePlaceholder[] }[];
  /** Names that are not metric facts with a query (supplied-only facts, typos). */
  readonly unknown: readonly string[];
}

export function planMetricQueries(
  compiled: CompiledMetricQueries,
  facts: readonly string[],
  values: TemplateValues,
): MetricQueryPlan {
  const planned: PlannedQuery[] = [];
  const blocked: { fact: string; missing: ScopePlaceholder[] }[] = [];
  const unknown: string[] = [];
  for (const name of [...new Set(facts)]) {
    const fact = compiled.facts.get(name);
    if (!fact) {
      unknown.push(name);
      continue;
    }
    if (fact.correlate) {
      const errors = renderPromqlTemplate(fact.correlate.errors, values, compiled.labels);
      const traffic = renderPromqlTemplate(fact.correlate.traffic, values, compiled.labels);
      if (errors.ok && traffic.ok)
        planned.push({
          kind: 'correlation',
          fact: name,
          errors: errors.promql,
          traffic: traffic.promql,
          presence: fact.presence,
        });
      else
        blocked.push({
          fact: name,
          missing: [
            ...new Set([...(errors.ok ? [] : errors.missing), ...(traffic.ok ? [] : traffic.missing)]),
          ],
        });
    } else if (fact.promql) {
      const r = renderPromqlTemplate(fact.promql, values, compiled.labels);
      if (r.ok) planned.push({ kind: 'instant', fact: name, promql: r.promql, presence: fact.presence });
      else blocked.push({ fact: name, missing: [...r.missing] });
    }
  }
  return { planned, blocked, unknown };
}

const DISCOVERABLE: ReadonlySet<ScopePlaceholder> = new Set(['namespace', 'node', 'instance']);

/**
 * The kube_pod_info query that finds the namespace and nodes of the incident's pods, when some blocked
 * fact needs only those and the pods are known (by name or as `<service>-…`).
 */
export function discoveryQuery(
  plan: MetricQueryPlan,
  values: TemplateValues,
  labels: Readonly<Record<string, string>>,
): string | undefined {
  const useful = plan.blocked.some((b) => b.missing.every((m) => DISCOVERABLE.has(m)));
  if (!useful || values.podPattern === undefined) return undefined;
  const ns = labels.namespace ?? 'namespace';
  const pod = labels.pod ?? 'pod';
  const node = labels.node ?? 'node';
  const matchers = [`${pod}=~"${escapePromqlString(values.podPattern, '"')}"`];
  if (values.namespace !== undefined) matchers.push(`${ns}="${escapePromqlString(values.namespace, '"')}"`);
  return `count by (${ns}, ${pod}, ${node}, host_ip) (last_over_time(kube_pod_info{${matchers.join(',')}}[${values.window}]))`;
}

/** Reads the discovery answer (label sets of kube_pod_info series). */
export function readDiscovery(
  series: readonly Readonly<Record<string, string>>[],
  labels: Readonly<Record<string, string>>,
): Discovered {
  const distinct = (label: string) =>
    [...new Set(series.map((s) => s[label]).filter((v): v is string => Boolean(v)))].sort();
  return {
    namespaces: distinct(labels.namespace ?? 'namespace'),
    nodes: distinct(labels.node ?? 'node'),
    hostIps: distinct('host_ip'),
    pods: distinct(labels.pod ?? 'pod'),
  };
}
