import type { FactState } from '../model/facts.js';
import type { FetchedMetrics } from './gather-facts.js';
import type { ScopePlaceholder } from './promql-template.js';

/**
 * Turns what a metrics fetch got by its deadline into the state of every fact asked for, and says, once
 * per reason, what is missing and why. Pure: the Prometheus adapter gathers the round, this judges it.
 */

/** What one fact's query gave, when it gave something before the deadline. */
export type QueryResult =
  | { readonly state: 'value'; readonly value: number }
  | { readonly state: 'no-data'; readonly note?: string }
  | { readonly state: 'error'; readonly error: string };

export interface FetchRound {
  /** Facts asked for that have a query. */
  readonly facts: readonly string[];
  /** Metric names whose presence shows a fact's exporter is scraped. */
  readonly presenceOf: (fact: string) => readonly string[];
  readonly results: ReadonlyMap<string, QueryResult>;
  /** Facts whose entities stayed unknown, with the entities that were missing. */
  readonly blocked: ReadonlyMap<string, readonly ScopePlaceholder[]>;
  /** Facts still waiting for discovery when the deadline came. */
  readonly waiting: ReadonlySet<string>;
  /** Why discovery failed, when it did: the facts that needed it are errors, not unknowns. */
  readonly discoveryError?: string;
  /** Metric names that exist near the failure; undefined when that check did not answer. */
  readonly present?: ReadonlySet<string>;
  readonly deadlineMs: number;
}

function names(list: readonly string[]): string {
  return list.length > 6 ? `${list.slice(0, 6).join(', ')} and ${list.length - 6} more` : list.join(', ');
}

function group(map: Map<string, string[]>, key: string, fact: string): void {
  const list = map.get(key);
  if (list) list.push(fact);
  else map.set(key, [fact]);
}

export function settleMetricStates(round: FetchRound): FetchedMetrics {
  const states: Record<string, FactState> = {};
  const values: Record<string, number> = {};
  const failed = new Map<string, string[]>();
  const unknownScope = new Map<string, string[]>();
  const late: string[] = [];
  const unscraped: string[] = [];
  const notes: string[] = [];

  for (const fact of round.facts) {
    const r = round.results.get(fact);
    if (r === undefined) {
      const missing = round.blocked.get(fact);
      if (round.waiting.has(fact) || missing === undefined) {
        // Waiting for discovery or for its own answer when the deadline came.
        states[fact] = 'error';
        late.push(fact);
      } else if (round.discoveryError !== undefined) {
        states[fact] = 'error';
        group(failed, round.discoveryError, fact);
      } else {
        states[fact] = 'not-fetched';
        group(unknownScope, missing.join(' and ') || 'entity', fact);
      }
      continue;
    }
    if (r.state === 'error') {
      states[fact] = 'error';
      group(failed, r.error, fact);
      continue;
    }
    const present = round.present;
    if (present !== undefined && round.presenceOf(fact).some((m) => !present.has(m))) {
      states[fact] = 'not-scraped';
      unscraped.push(fact);
      continue;
    }
    states[fact] = r.state;
    if (r.state === 'value') values[fact] = r.value;
    else if (r.note) notes.push(`${fact}: ${r.note}`);
  }

  const warnings: string[] = [];
  for (const [error, list] of failed)
    warnings.push(`metrics degraded: ${error}; ${list.length} fact(s) not fetched: ${names(list)}`);
  if (late.length > 0)
    warnings.push(
      `metrics degraded: Prometheus did not answer within the ${round.deadlineMs} ms deadline; ${late.length} fact(s) not fetched: ${names(late)}`,
    );
  for (const [why, list] of unknownScope)
    warnings.push(
      `the incident does not name the ${why}: ${list.length} metric fact(s) not fetched: ${names(list)}`,
    );
  if (unscraped.length > 0)
    warnings.push(`not scraped by this Prometheus (see how to enable them below): ${names(unscraped)}`);
  warnings.push(...notes);
  return { values, states, degraded: failed.size > 0 || late.length > 0, warnings };
}
