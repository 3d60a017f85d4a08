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
    try {
      re = new RegExp(pattern, flags);
    } catch {
      // An invalid pattern never matches (compileRules rejects it before it gets here).
      return undefined;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

function toNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The first line of the fact text (a string or strings) the pattern matches; lines are cut at MATCH_LINE_CHARS. */
export function firstMatchingLine(a: unknown, b: unknown): string | undefined {
  if (missing(a)) return undefined;
  const re = compilePattern(b);
  if (!re) return undefined;
  for (const item of asArray(a)) {
    if (typeof item !== 'string') continue;
    let start = 0;
    while (start <= item.length) {
      const nl = item.indexOf('\n', start);
      const end = nl === -1 ? item.length : nl;
      const line = item.slice(start, Math.min(end, start + MATCH_LINE_CHARS));
      if (re.test(line)) return line;
      if (nl === -1) break;
      start = nl + 1;
    }
  }
  return undefined;
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
  matches: (a, b) => firstMatchingLine(a, b) !== undefined,
};

export function addOperators(engine: Engine): void {
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) {
    engine.addOperator(name, fn);
  }
}

export interface OperatorExample {
  /** The fact's value in the example incident. */
  readonly fact: unknown;
  /** The condition's value. */
  readonly value: unknown;
  readonly passes: boolean;
}

export interface OperatorDoc {
  readonly summary: string;
  /** A condition as it is written in a rule file. */
  readonly sample: string;
  /** Checked by the operator tests against json-rules-engine, so the documentation cannot lie. */
  readonly examples: readonly OperatorExample[];
}

/** The operator reference of docs/rules.md (generated from this table). */
export const OPERATOR_DOCS: Readonly<Record<string, OperatorDoc>> = {
  equal: {
    summary: 'The fact is exactly the value (a number, string or boolean).',
    sample: '{"fact": "config.keepAliveOrderViolated", "operator": "equal", "value": true}',
    examples: [
      { fact: true, value: true, passes: true },
      { fact: 'server', value: 'client', passes: false },
    ],
  },
  notEqual: {
    summary: 'The fact is present and not the value (strict: a missing fact does not pass).',
    sample: '{"fact": "capture.rstFrom", "operator": "notEqual", "value": "client"}',
    examples: [
      { fact: 'server', value: 'client', passes: true },
      { fact: undefined, value: 'client', passes: false },
    ],
  },
  lessThan: {
    summary: 'A number below the value.',
    sample: '{"fact": "config.serverKeepAliveS", "operator": "lessThan", "value": 60}',
    examples: [
      { fact: 5, value: 60, passes: true },
      { fact: 60, value: 60, passes: false },
    ],
  },
  lessThanInclusive: {
    summary: 'A number at or below the value.',
    sample: '{"fact": "cpu_usage_ratio", "operator": "lessThanInclusive", "value": 0.3}',
    examples: [
      { fact: 0.3, value: 0.3, passes: true },
      { fact: 0.31, value: 0.3, passes: false },
    ],
  },
  greaterThan: {
    summary: 'A number above the value.',
    sample: '{"fact": "conntrack_usage_ratio", "operator": "greaterThan", "value": 0.9}',
    examples: [
      { fact: 0.97, value: 0.9, passes: true },
      { fact: 0.5, value: 0.9, passes: false },
    ],
  },
  greaterThanInclusive: {
    summary: 'A number at or above the value.',
    sample: '{"fact": "log.errorLines", "operator": "greaterThanInclusive", "value": 3}',
    examples: [
      { fact: 3, value: 3, passes: true },
      { fact: 2, value: 3, passes: false },
    ],
  },
  in: {
    summary: 'A single value that is one of the list.',
    sample: '{"fact": "capture.rstFrom", "operator": "in", "value": ["server", "both"]}',
    examples: [
      { fact: 'both', value: ['server', 'both'], passes: true },
      { fact: 'client', value: ['server', 'both'], passes: false },
    ],
  },
  notIn: {
    summary: 'A single value, present, that is none of the list (strict).',
    sample: '{"fact": "alert.status", "operator": "notIn", "value": ["resolved"]}',
    examples: [
      { fact: 'firing', value: ['resolved'], passes: true },
      { fact: undefined, value: ['resolved'], passes: false },
    ],
  },
  contains: {
    summary: 'A list fact holds the value.',
    sample: '{"fact": "log.exitCodes", "operator": "contains", "value": 137}',
    examples: [
      { fact: [1, 137], value: 137, passes: true },
      { fact: [143], value: 137, passes: false },
    ],
  },
  doesNotContain: {
    summary: 'A list fact, present, that does not hold the value (strict).',
    sample: '{"fact": "log.signals", "operator": "doesNotContain", "value": 9}',
    examples: [
      { fact: [15], value: 9, passes: true },
      { fact: undefined, value: 9, passes: false },
    ],
  },
  containsAny: {
    summary:
      'The fact (a tag list or one value) shares at least one element with the list. The tags that matched fill {{matched}}.',
    sample:
      '{"fact": "classes", "operator": "containsAny", "value": ["stale-connection", "upstream-closed"]}',
    examples: [
      { fact: ['reset', 'upstream-closed'], value: ['stale-connection', 'upstream-closed'], passes: true },
      { fact: ['reset'], value: ['stale-connection', 'upstream-closed'], passes: false },
    ],
  },
  containsAll: {
    summary: 'The fact holds every element of the list.',
    sample: '{"fact": "words.components", "operator": "containsAll", "value": ["node", "alb"]}',
    examples: [
      { fact: ['alb', 'node', 'kubernetes'], value: ['node', 'alb'], passes: true },
      { fact: ['node'], value: ['node', 'alb'], passes: false },
    ],
  },
  containsNone: {
    summary: 'The fact is present and shares no element with the list: "none of these".',
    sample: '{"fact": "classes", "operator": "containsNone", "value": ["refused", "connect-timeout"]}',
    examples: [
      { fact: ['reset'], value: ['refused', 'connect-timeout'], passes: true },
      { fact: ['reset', 'refused'], value: ['refused', 'connect-timeout'], passes: false },
      { fact: undefined, value: ['refused'], passes: false },
    ],
  },
  between: {
    summary: 'A number within [low, high], both ends included.',
    sample: '{"fact": "timing.idleGapS", "operator": "between", "value": [240, 420]}',
    examples: [
      { fact: 350, value: [240, 420], passes: true },
      { fact: 420, value: [240, 420], passes: true },
      { fact: 30, value: [240, 420], passes: false },
    ],
  },
  withinPercentOf: {
    summary:
      'A number close to a target: value [target, percent], or a bare target (a number or {"fact": ...}) within 25 %. "An idle gap close to a known timeout."',
    sample:
      '{"fact": "timing.idleGapS", "operator": "withinPercentOf", "value": {"fact": "config.middleboxIdleS"}}',
    examples: [
      { fact: 340, value: [350, 10], passes: true },
      { fact: 300, value: [350, 10], passes: false },
      { fact: 62, value: 60, passes: true },
    ],
  },
  increasedBy: {
    summary:
      'A counter grew by at least the value: the fact is the increase itself, or a series (number list) whose last minus first counts.',
    sample: '{"fact": "listen_overflows", "operator": "increasedBy", "value": 1}',
    examples: [
      { fact: 12, value: 1, passes: true },
      { fact: [100, 104, 180], value: 50, passes: true },
      { fact: [100, 101], value: 50, passes: false },
    ],
  },
  matches: {
    summary:
      'A regular expression matches a line of a text fact (log.text): "pattern" or {"pattern", "flags": "i"}. Lines are cut at 8192 characters; `rules lint` rejects patterns that can backtrack catastrophically. The first matching line fills {{matched}}.',
    sample:
      '{"fact": "log.text", "operator": "matches", "value": {"pattern": "upstream prematurely closed", "flags": "i"}}',
    examples: [
      {
        fact: 'ok\nupstream prematurely closed connection\n',
        value: { pattern: 'prematurely closed' },
        passes: true,
      },
      {
        fact: 'Upstream Prematurely Closed',
        value: { pattern: 'prematurely closed', flags: 'i' },
        passes: true,
      },
      { fact: 'all good', value: 'prematurely closed', passes: false },
    ],
  },
};
