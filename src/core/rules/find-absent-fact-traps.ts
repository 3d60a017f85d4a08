import { type Condition, isLeaf, type TopLevelCondition } from './rule-schema.js';

/**
 * A negative test on a fact that may be missing: `classes containsNone [crash]` fails when no class was read
 * at all, since every operator fails on a missing fact. Where nothing in the same `all` (or an `all` around
 * it) already requires the fact, the writer most likely meant "none of these, or nothing read": that is
 * `{"not": {"fact": "classes", "operator": "containsAny", ...}}`.
 */

export interface AbsentFactTrap {
  /** Path of the negative condition, relative to the rule. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Each negative operator, with the positive one to wrap in `not` so the test also holds on a missing fact. */
const POSITIVE_OF: Readonly<Record<string, string>> = {
  containsNone: 'containsAny',
  doesNotContain: 'contains',
  notIn: 'in',
  notEqual: 'equal',
};
const NEGATIVE = new Set(Object.keys(POSITIVE_OF));

function requiredIn(items: readonly Condition[]): Set<string> {
  const facts = new Set<string>();
  for (const c of items) {
    if (isLeaf(c)) {
      if (!NEGATIVE.has(c.operator)) facts.add(c.fact);
    } else if ('all' in c) for (const f of requiredIn(c.all)) facts.add(f);
  }
  return facts;
}

function walk(
  c: Condition | TopLevelCondition,
  path: readonly (string | number)[],
  required: ReadonlySet<string>,
  alwaysPresent: (fact: string) => boolean,
  out: AbsentFactTrap[],
): void {
  if (isLeaf(c as Condition)) return;
  if ('all' in c) {
    const here = new Set([...required, ...requiredIn(c.all)]);
    c.all.forEach((x, i) => {
      const p = [...path, 'all', i];
      if (isLeaf(x)) {
        if (NEGATIVE.has(x.operator) && !here.has(x.fact) && !alwaysPresent(x.fact))
          out.push({
            path: p,
            message: `${x.fact} ${x.operator} fails when ${x.fact} was not read at all; to hold then too, write {"not": {"fact": "${x.fact}", "operator": "${POSITIVE_OF[x.operator]}", ...}}`,
          });
      } else walk(x, p, here, alwaysPresent, out);
    });
  } else if ('any' in c) {
    for (const [i, x] of c.any.entries()) walk(x, [...path, 'any', i], required, alwaysPresent, out);
  }
  // Under `not` a failing test turns into a passing one: nothing to warn about there.
}

/** Negative conditions on facts that may be missing, where nothing around them requires the fact. */
export function findAbsentFactTraps(
  conditions: TopLevelCondition,
  alwaysPresent: (fact: string) => boolean,
): AbsentFactTrap[] {
  const out: AbsentFactTrap[] = [];
  walk(conditions, ['conditions'], new Set(), alwaysPresent, out);
  return out;
}
