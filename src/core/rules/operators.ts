import type { Engine } from 'json-rules-engine';

/**
 * Operators for rule authors. All of them are strict: a missing fact (undefined or null) never passes, so
 * absent data is never counted as evidence, and a value of the wrong type fails instead of throwing. The
 * json-rules-engine built-ins are replaced by these strict versions.
 */

/** Longest line a `matches` pattern sees. */
export const MATCH_LINE_CHARS = 8192;

const missing = (v: unknown): boolean => v === undefined || v === null;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [v];
}

const regexCache = new Map<string, RegExp>();

export function compilePattern(value: unknown): RegExp | undefined {
  let pattern: string | undefined;
  let flags = '';
  if (typeof value === 'string') pattern = value;
  else if (value && typeof value === 'object' && 'pattern' in value) {
    const v = value as { pattern: unknown; flags?: unknown };
    if (typeof v.pattern === 'string') pattern = v.pattern;
    if (v.flags === 'i') flags = 'i';
  }
  if (pattern === undefined) return undefined;
  const key = `${flags}/${pattern}`;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(pattern, flags);
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

function toNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

const num = (a: unknown, b: unknown): [number, number] | undefined =>
  typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)
    ? [a, b]
    : undefined;

/**
 * Every operator rules may use, built-ins included: the engine is given exactly these functions, and the
 * rule screen (evaluate-rules.ts) uses the same ones, so both always agree.
 */
export const CUSTOM_OPERATORS: Readonly<Record<string, OperatorFn>> = {
  equal: (a, b) => !missing(a) && a === b,
  notEqual: (a, b) => !missing(a) && a !== b,
  lessThan: (a, b) => {
    const n = num(a, b);
    return n !== undefined && n[0] < n[1];
  },
  lessThanInclusive: (a, b) => {
    const n = num(a, b);
    return n !== undefined && n[0] <= n[1];
  },
  greaterThan: (a, b) => {
    const n = num(a, b);
    return n !== undefined && n[0] > n[1];
  },
  greaterThanInclusive: (a, b) => {
    const n = num(a, b);
    return n !== undefined && n[0] >= n[1];
  },
  in: (a, b) => !missing(a) && Array.isArray(b) && b.includes(a),
  notIn: (a, b) => !missing(a) && Array.isArray(b) && !b.includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  /** The fact (a tag list or a single value) shares at least one element with the value list. */
  containsAny: (a, b) => {
    if (missing(a)) return false;
    const wanted = asArray(b);
    return asArray(a).some((x) => wanted.includes(x));
  },
  /** The fact contains every element of the value list. */
  containsAll: (a, b) => {
    if (missing(a)) return false;
    const have = asArray(a);
    return asArray(b).every((x) => have.includes(x));
  },
  /** The fact is present and shares no element with the value list. */
  containsNone: (a, b) => {
    if (missing(a)) return false;
    const wanted = asArray(b);
    return !asArray(a).some((x) => wanted.includes(x));
  },
  /** value [low, high], inclusive. */
  between: (a, b) => {
    const n = toNumber(a);
    if (n === undefined || !Array.isArray(b) || b.length !== 2) return false;
    const lo = toNumber(b[0]);
    const hi = toNumber(b[1]);
    return lo !== undefined && hi !== undefined && n >= lo && n <= hi;
  },
  /**
   * The fact is within a percentage of a target: value `[target, percent]`, or a bare target (which may come
   * from another fact) with 25 %. "An idle gap close to a known timeout."
   */
  withinPercentOf: (a, b) => {
    const n = toNumber(a);
    if (n === undefined) return false;
    const [target, percent] = Array.isArray(b) ? [toNumber(b[0]), toNumber(b[1])] : [toNumber(b), 25];
    if (target === undefined || percent === undefined) return false;
    return Math.abs(n - target) <= (Math.abs(target) * percent) / 100;
  },
  /** A counter grew by at least the value: the fact is an increase, or a series whose last minus first counts. */
  increasedBy: (a, b) => {
    const min = toNumber(b);
    if (min === undefined) return false;
    if (Array.isArray(a)) {
      const first = toNumber(a[0]);
      const last = toNumber(a[a.length - 1]);
      return first !== undefined && last !== undefined && last - first >= min;
    }
    const n = toNumber(a);
    return n !== undefined && n >= min;
  },
  /** A linear-time-checked regex (`rules lint` rejects unsafe ones) matches a line of the fact text. */
  matches: (a, b) => {
    if (missing(a)) return false;
    const re = compilePattern(b);
    if (!re) return false;
    for (const item of asArray(a)) {
      if (typeof item !== 'string') continue;
      let start = 0;
      while (start <= item.length) {
        const nl = item.indexOf('\n', start);
        const end = nl === -1 ? item.length : nl;
        const line = item.slice(start, Math.min(end, start + MATCH_LINE_CHARS));
        if (re.test(line)) return true;
        if (nl === -1) break;
        start = nl + 1;
      }
    }
    return false;
  },
};

export function addOperators(engine: Engine): void {
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) {
    engine.addOperator(name, fn);
  }
}
