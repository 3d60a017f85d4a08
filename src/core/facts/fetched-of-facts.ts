import type { FactMap, FactState } from '../model/facts.js';
import type { FetchedMetrics } from './gather-facts.js';

const STATES: readonly FactState[] = ['value', 'no-data', 'not-scraped', 'error', 'not-fetched'];
const isState = (s: unknown): s is FactState => STATES.some((x) => x === s);

/**
 * The metric readings a diagnosis was made with, read back from its facts (`X` and `state.X`): a later
 * question about it ("why not overload?") sees the same numbers instead of "not fetched". Undefined when
 * the diagnosis had no metric facts.
 */
export function fetchedOfFacts(facts: Readonly<FactMap>, degraded = false): FetchedMetrics | undefined {
  const values: Record<string, number> = {};
  const states: Record<string, FactState> = {};
  for (const [key, state] of Object.entries(facts)) {
    if (!key.startsWith('state.') || !isState(state)) continue;
    const name = key.slice('state.'.length);
    const value = facts[name];
    if (state === 'value') {
      if (typeof value !== 'number') continue;
      values[name] = value;
    }
    states[name] = state;
  }
  return Object.keys(states).length === 0 ? undefined : { values, states, degraded, warnings: [] };
}
