import { type Condition, isLeaf, type LeafCondition, type TopLevelCondition } from './rule-schema.js';

/**
 * Conditions under one `all` that no value can satisfy together: `x > 5` and `x < 3`, `x == "a"` and
 * `x == "b"`, `tags containsAll [a]` and `tags containsNone [a]`. Such a rule (or branch) can never fire.
 */

export interface Contradiction {
  /** Path of the condition that made the set unsatisfiable, relative to the rule. */
  readonly path: readonly (string | number)[];
  /** Paths of the earlier conditions on the same fact it conflicts with. */
  readonly with: readonly (readonly (string | number)[])[];
  readonly message: string;
}

interface Placed {
  readonly leaf: LeafCondition;
  readonly path: readonly (string | number)[];
}

/** Leaves of an `all`, with nested `all`s merged in (same conjunction); `any` and `not` are their own scopes. */
function conjunction(items: readonly Condition[], path: readonly (string | number)[], out: Placed[]): void {
  items.forEach((c, i) => {
    const p = [...path, i];
    if (isLeaf(c)) out.push({ leaf: c, path: p });
    else if ('all' in c) conjunction(c.all, [...p, 'all'], out);
  });
}

interface Bound {
  readonly value: number;
  readonly inclusive: boolean;
}

interface State {
  lo?: Bound;
  hi?: Bound;
  equal?: { value: unknown };
  notEqual: Set<unknown>;
  allowed?: Set<unknown>;
  required: Set<unknown>;
  forbidden: Set<unknown>;
  anyOf: unknown[][];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isLiteral = (v: unknown) => !(v && typeof v === 'object' && !Array.isArray(v));
const show = (v: unknown) => JSON.stringify(v);

function tighterLo(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  if (b.value > a.value || (b.value === a.value && !b.inclusive)) return b;
  return a;
}

function tighterHi(a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  if (b.value < a.value || (b.value === a.value && !b.inclusive)) return b;
  return a;
}

/** Adds one condition; returns why the set became unsatisfiable, or undefined. */
function add(s: State, leaf: LeafCondition): string | undefined {
  const v = leaf.value;
  if (!isLiteral(v)) return undefined;
  switch (leaf.operator) {
    case 'greaterThan':
    case 'greaterThanInclusive':
      if (isNumber(v))
        s.lo = tighterLo(s.lo, { value: v, inclusive: leaf.operator === 'greaterThanInclusive' });
      break;
    case 'lessThan':
    case 'lessThanInclusive':
      if (isNumber(v)) s.hi = tighterHi(s.hi, { value: v, inclusive: leaf.operator === 'lessThanInclusive' });
      break;
    case 'between':
      // A range with low above high is reported by the value check, not as a contradiction.
      if (Array.isArray(v) && isNumber(v[0]) && isNumber(v[1]) && v[0] <= v[1]) {
        s.lo = tighterLo(s.lo, { value: v[0], inclusive: true });
        s.hi = tighterHi(s.hi, { value: v[1], inclusive: true });
      }
      break;
    case 'equal':
      if (s.equal && s.equal.value !== v) return `cannot equal both ${show(s.equal.value)} and ${show(v)}`;
      s.equal = { value: v };
      if (isNumber(v)) {
        s.lo = tighterLo(s.lo, { value: v, inclusive: true });
        s.hi = tighterHi(s.hi, { value: v, inclusive: true });
      }
      break;
    case 'notEqual':
      s.notEqual.add(v);
      break;
    case 'in':
      if (Array.isArray(v)) {
        const next = new Set<unknown>(v);
        s.allowed = s.allowed ? new Set([...s.allowed].filter((x) => next.has(x))) : next;
      }
      break;
    case 'notIn':
      if (Array.isArray(v)) for (const x of v) s.notEqual.add(x);
      break;
    case 'contains':
      s.required.add(v);
      break;
    case 'containsAll':
      for (const x of Array.isArray(v) ? v : [v]) s.required.add(x);
      break;
    case 'doesNotContain':
      s.forbidden.add(v);
      break;
    case 'containsNone':
      for (const x of Array.isArray(v) ? v : [v]) s.forbidden.add(x);
      break;
    case 'containsAny':
      s.anyOf.push(Array.isArray(v) ? [...v] : [v]);
      break;
    default:
      return undefined;
  }
  const { lo, hi } = s;
  if (lo && hi && (lo.value > hi.value || (lo.value === hi.value && !(lo.inclusive && hi.inclusive))))
    return `no number is ${lo.inclusive ? '≥' : '>'} ${lo.value} and ${hi.inclusive ? '≤' : '<'} ${hi.value}`;
  if (s.equal !== undefined) {
    const e = s.equal.value;
    if (s.notEqual.has(e)) return `cannot both equal and not equal ${show(e)}`;
    if (s.allowed && !s.allowed.has(e)) return `${show(e)} is not among the values allowed by \`in\``;
  }
  if (s.allowed) {
    const left = [...s.allowed].filter((x) => !s.notEqual.has(x));
    if (left.length === 0) return 'no value is left: every value `in` allows is excluded';
  }
  for (const x of s.required) if (s.forbidden.has(x)) return `${show(x)} is both required and excluded`;
  for (const any of s.anyOf)
    if (any.every((x) => s.forbidden.has(x))) return `every value of containsAny ${show(any)} is excluded`;
  return undefined;
}

export function findContradictions(conditions: TopLevelCondition): Contradiction[] {
  const out: Contradiction[] = [];
  const visit = (c: Condition | TopLevelCondition, path: readonly (string | number)[]) => {
    if (isLeaf(c as Condition)) return;
    if ('all' in c) {
      const leaves: Placed[] = [];
      conjunction(c.all, [...path, 'all'], leaves);
      const states = new Map<string, { state: State; seen: Placed[] }>();
      for (const p of leaves) {
        const key = `${p.leaf.fact}\u0000${p.leaf.path ?? ''}`;
        const entry = states.get(key) ?? {
          state: { notEqual: new Set(), required: new Set(), forbidden: new Set(), anyOf: [] },
          seen: [],
        };
        states.set(key, entry);
        const why = add(entry.state, p.leaf);
        if (why) {
          out.push({
            path: p.path,
            with: entry.seen.map((x) => x.path),
            message: `contradicts the other conditions on ${p.leaf.fact} in this \`all\`: ${why}; the rule can never fire`,
          });
          // Start over on this fact so one conflict is reported once.
          states.set(key, {
            state: { notEqual: new Set(), required: new Set(), forbidden: new Set(), anyOf: [] },
            seen: [],
          });
          continue;
        }
        entry.seen.push(p);
      }
      c.all.forEach((x, i) => {
        if (!isLeaf(x)) visit(x, [...path, 'all', i]);
      });
      return;
    }
    if ('any' in c) for (const [i, x] of c.any.entries()) visit(x, [...path, 'any', i]);
    else if ('not' in c) visit(c.not, [...path, 'not']);
  };
  visit(conditions, ['conditions']);
  return dedupe(out);
}

function dedupe(list: Contradiction[]): Contradiction[] {
  const seen = new Set<string>();
  return list.filter((c) => {
    const k = c.path.join('.');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
