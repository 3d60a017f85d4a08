import type { ScenarioName } from '../options.js';
import type { Role } from '../runtime.js';

/** One process of a scenario: a server, a client, or both in one process (a pair, for a private namespace). */
export interface ServicePlan {
  readonly service: string;
  readonly kind: 'server' | 'client' | 'pair';
  /** The service a client (or a pair's client) calls. */
  readonly peer?: string;
  /** Services a pair process runs besides `service` (each gets its own metrics and logs). */
  readonly alsoRuns?: readonly string[];
  readonly role: Role;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly cause: string;
  /** What it reproduces, in one sentence (logged at start, shown by GET /scenarios). */
  readonly summary: string;
  /** Started in order: a client starts once the server it calls is ready. */
  readonly services: readonly ServicePlan[];
}
