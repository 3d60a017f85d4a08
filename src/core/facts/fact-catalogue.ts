import type { FactState } from '../model/facts.js';
import { BUILTIN_FACTS, type FactDefinition, type FactType } from './builtin-facts.js';
import type { MetricCatalogue } from './metric-catalogue.js';

/**
 * Every fact a rule may read: the built-in facts, one fact per metric of the catalogue, and `state.<metric>`
 * (why a reading is or is not there). The linter checks rules against it; docs/rules.md lists it.
 */

export const FACT_STATES: readonly FactState[] = ['value', 'no-data', 'not-scraped', 'error', 'not-fetched'];

export interface KnownFact {
  readonly name: string;
  readonly type: FactType;
  readonly unit?: string;
  readonly origin: FactDefinition['origin'] | 'metric' | 'state';
  readonly description: string;
  readonly values?: readonly string[];
  readonly large?: boolean;
}

export interface FactCatalogue {
  readonly facts: readonly KnownFact[];
  lookup(name: string): KnownFact | undefined;
}

export function buildFactCatalogue(catalogue: MetricCatalogue): FactCatalogue {
  const facts: KnownFact[] = [...BUILTIN_FACTS];
  for (const m of catalogue.facts) {
    facts.push({ name: m.name, type: 'number', unit: m.unit, origin: 'metric', description: m.description });
  }
  const byName = new Map(facts.map((f) => [f.name, f]));
  const metricNames = new Set(catalogue.facts.map((m) => m.name));
  return {
    facts,
    lookup(name) {
      const hit = byName.get(name);
      if (hit) return hit;
      if (name.startsWith('state.') && metricNames.has(name.slice(6))) {
        return {
          name,
          type: 'string',
          origin: 'state',
          description: `Why ${name.slice(6)} has or lacks a value.`,
          values: FACT_STATES,
        };
      }
      return undefined;
    },
  };
}
