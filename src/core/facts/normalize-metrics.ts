import type { MetricCatalogue, MetricFact } from './metric-catalogue.js';
import { normalizeMetricName } from './metric-catalogue.js';

export interface NormalizedMetrics {
  readonly values: Readonly<Record<string, number>>;
  /** catalogue name → the name the reading arrived under */
  readonly suppliedAs: Readonly<Record<string, string>>;
  readonly warnings: readonly string[];
}

/** Suffixes that only say how a reading was aggregated or counted; stripped when looking a name up. */
const NOISE_SUFFIXES =
  /_(?:percent|pct|ms|millis|milliseconds|sec|seconds|s|max|min|avg|mean|p\d{2}|total|count|\d+d|\d+h|\d+m|of_requests|value|current|now)$/;

export interface MetricIndex {
  lookup(name: string): MetricFact | undefined;
}

export function indexCatalogue(catalogue: MetricCatalogue): MetricIndex {
  const byName = new Map<string, MetricFact>();
  for (const f of catalogue.facts) {
    byName.set(normalizeMetricName(f.name), f);
    for (const a of f.aliases) byName.set(normalizeMetricName(a), f);
  }
  return {
    lookup(raw: string): MetricFact | undefined {
      let n = normalizeMetricName(raw);
      for (let i = 0; i < 4; i++) {
        const hit = byName.get(n);
        if (hit) return hit;
        const stripped = n.replace(NOISE_SUFFIXES, '');
        if (stripped === n || stripped.length === 0) break;
        n = stripped;
      }
      return undefined;
    },
  };
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^\s*-?\d+(?:\.\d+)?(?:e-?\d+)?\s*%?\s*$/i.test(v))
    return Number.parseFloat(v);
  return undefined;
}

/** Converts a reading to the catalogue unit from what its name says (percent → ratio, ms → seconds). */
function scale(raw: string, fact: MetricFact, value: number): number {
  const n = normalizeMetricName(raw);
  if (fact.unit === 'ratio' && /(?:^|_)(?:percent|pct|percentage)(?:_|$)/.test(n)) return value / 100;
  if (fact.unit === 'seconds' && /(?:^|_)(?:ms|millis|milliseconds)(?:_|$)/.test(n)) return value / 1000;
  return value;
}

/** Ratios the catalogue can derive from two supplied readings. */
const DERIVED: readonly { readonly name: string; readonly num: string; readonly den: string }[] = [
  { name: 'fd_usage_ratio', num: 'open_fds', den: 'max_fds' },
  { name: 'conntrack_usage_ratio', num: 'conntrack_entries', den: 'conntrack_limit' },
];

export function normalizeMetrics(
  readings: Readonly<Record<string, unknown>> | null | undefined,
  index: MetricIndex,
): NormalizedMetrics {
  const values: Record<string, number> = {};
  const suppliedAs: Record<string, string> = {};
  const warnings: string[] = [];
  for (const [raw, v] of Object.entries(readings ?? {})) {
    if (v === null || v === undefined) continue;
    const fact = index.lookup(raw);
    if (!fact) {
      warnings.push(`unknown metric "${raw}" ignored (not in the fact catalogue)`);
      continue;
    }
    const n = toNumber(v);
    if (n === undefined) {
      warnings.push(`metric "${raw}" ignored: ${JSON.stringify(v).slice(0, 40)} is not a number`);
      continue;
    }
    values[fact.name] = scale(raw, fact, n);
    suppliedAs[fact.name] = raw;
  }
  for (const d of DERIVED) {
    const num = values[d.num];
    const den = values[d.den];
    if (values[d.name] === undefined && num !== undefined && den !== undefined && den > 0) {
      values[d.name] = num / den;
      suppliedAs[d.name] = `${suppliedAs[d.num] ?? d.num} / ${suppliedAs[d.den] ?? d.den}`;
    }
  }
  return { values, suppliedAs, warnings };
}
