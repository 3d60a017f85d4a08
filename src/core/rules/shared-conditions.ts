import {
  type Condition,
  isLeaf,
  isReference,
  type SourceCondition,
  type SourceTopLevelCondition,
  type TopLevelCondition,
} from './rule-schema.js';
import { suggest } from './suggest-name.js';

/**
 * Shared conditions, as json-rules-engine's `engine.setCondition(name, conditions)` has them: a rule file's
 * `conditions` names a condition once, and any rule of any file uses it as `{"condition": "name"}`. Rules
 * are compiled with every reference written out in place, which is what the engine does when it meets
 * one, so the evaluator, the fact screens and the checks see plain conditions.
 */

export interface SharedCondition {
  readonly name: string;
  readonly file: string;
  readonly conditions: SourceTopLevelCondition;
}

export type Path = readonly (string | number)[];

/** Where a shared condition was written out: its path in the resolved rule (`conditions.all[1]`) and its name. */
export interface Inlined {
  readonly at: string;
  readonly name: string;
}

export interface ReferenceProblem {
  /** Path of the reference in the conditions given, from `conditions`. */
  readonly path: Path;
  readonly message: string;
}

export interface Resolved {
  readonly conditions: TopLevelCondition;
  readonly inlined: readonly Inlined[];
  readonly problems: readonly ReferenceProblem[];
}

export function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * Writes out every shared condition `root` names, recursively; `own` is the name of `root` when it is itself
 * a shared condition. Unknown names and cycles are problems, and a rule set with problems is not compiled.
 * An unknown name inside a shared condition is that condition's own problem, reported where it is written
 * (when the shared condition itself is resolved), not again for every rule that names it; a cycle is
 * reported at the outermost reference that leads into it.
 */
export function resolveConditions(
  root: SourceTopLevelCondition,
  shared: ReadonlyMap<string, SharedCondition>,
  own?: string,
): Resolved {
  const inlined: Inlined[] = [];
  const problems: ReferenceProblem[] = [];
  // `path`: where the node is written (undefined inside a shared condition); `outer`: the written path of
  // the reference that led inside; `at`: where the node lands once resolved.
  const walk = (
    c: SourceCondition,
    path: Path | undefined,
    outer: Path,
    at: Path,
    stack: readonly string[],
  ): Condition => {
    if (isLeaf(c)) return c;
    const under = (key: string, i?: number): Path | undefined =>
      path === undefined ? undefined : i === undefined ? [...path, key] : [...path, key, i];
    if (isReference(c)) {
      const here = path === undefined ? outer : [...path, 'condition'];
      const def = shared.get(c.condition);
      if (!def) {
        if (path !== undefined)
          problems.push({
            path: here,
            message: `no shared condition is named "${c.condition}"${suggest(c.condition, shared.keys())}`,
          });
        return { all: [] };
      }
      if (stack.includes(c.condition)) {
        const chain = [...stack.slice(stack.indexOf(c.condition)), c.condition].join(' -> ');
        if (!problems.some((p) => p.message.endsWith(`(${chain})`)))
          problems.push({ path: here, message: `shared condition "${c.condition}" names itself (${chain})` });
        return { all: [] };
      }
      inlined.push({ at: pathText(at), name: c.condition });
      return walk(def.conditions, undefined, here, at, [...stack, c.condition]);
    }
    if ('all' in c)
      return { all: c.all.map((x, i) => walk(x, under('all', i), outer, [...at, 'all', i], stack)) };
    if ('any' in c)
      return { any: c.any.map((x, i) => walk(x, under('any', i), outer, [...at, 'any', i], stack)) };
    return { not: walk(c.not, under('not'), outer, [...at, 'not'], stack) };
  };
  const conditions = walk(
    root,
    ['conditions'],
    ['conditions'],
    ['conditions'],
    own === undefined ? [] : [own],
  ) as TopLevelCondition;
  return { conditions, inlined, problems };
}

/** The shared conditions a resolved path (`conditions.all[1].any[0]`) lies in, outermost first. */
export function inlinedAround(inlined: readonly Inlined[], path: string): Inlined[] {
  return inlined.filter((i) => path === i.at || path.startsWith(`${i.at}.`) || path.startsWith(`${i.at}[`));
}

/** The shared condition a resolved path lies in (the innermost), if any. */
export function sharedConditionAt(inlined: readonly Inlined[], path: string): string | undefined {
  return inlinedAround(inlined, path).at(-1)?.name;
}
