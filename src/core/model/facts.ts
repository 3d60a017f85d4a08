/** A fact value as rules see it. Arrays hold tags (strings) or readings (numbers). */
export type FactValue = number | string | boolean | readonly string[] | readonly number[] | null;

export type FactMap = Record<string, FactValue>;

/** Where a fact value came from, so evidence can cite it (`log:12`, `words`, `alert`, `metric:x`). */
export type FactSources = Record<string, string>;

/** The state of a fact that is fetched (metrics): why a value is or is not there. */
export type FactState = 'value' | 'no-data' | 'not-scraped' | 'error' | 'not-fetched';

export interface GatheredFacts {
  readonly values: FactMap;
  readonly sources: FactSources;
  readonly warnings: readonly string[];
}
