import { createHash } from 'node:crypto';
import type { RuleProperties } from 'json-rules-engine';
import type { z } from 'zod';
import { canonicalJson } from '../model/canonical-json.js';
import {
  type Condition,
  isLeaf,
  type LeafCondition,
  type NextStepTemplate,
  type OperatorName,
  type RuleDef,
  type RuleFile,
  RuleFileSchema,
  type RuleTest,
  type SourceCondition,
  type SourceTopLevelCondition,
  type TopLevelCondition,
} from './rule-schema.js';
import { type Inlined, resolveConditions, type SharedCondition } from './shared-conditions.js';
import { resolveSteps, type SharedStep } from './shared-steps.js';

/** A rule file as read from disk: its name and parsed JSON (or the JSON syntax error). */
export interface RuleSource {
  readonly file: string;
  readonly json?: unknown;
  readonly syntaxError?: string;
}

export interface RuleProblem {
  readonly file: string;
  /** JSONPath into the file, e.g. `$.rules[3].conditions.all[0].operator`. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface CompiledRule {
  readonly def: RuleDef;
  readonly file: string;
  readonly index: number;
  /** Where the rule's shared conditions were written out in `def.conditions`. */
  readonly inlined: readonly Inlined[];
  /** Every fact the conditions read. */
  readonly facts: readonly string[];
  /**
   * The facts of its ordering and equality comparisons (`greaterThan`, `between`, `equal`...) outside the
   * person's words: a failure of one can be put in numbers ("cpu 31 % ≤ 85 %").
   */
  readonly comparedFacts: readonly string[];
  /** False when the rule cannot fire with only these facts present (missing facts never pass). */
  readonly canFire: (present: ReadonlySet<string>) => boolean;
  readonly engineRule: RuleProperties;
}

export interface RuleSet {
  /** Content hash of the rule files (12 hex digits), shown in every answer. */
  readonly version: string;
  readonly rules: readonly CompiledRule[];
  readonly byId: ReadonlyMap<string, CompiledRule>;
  readonly tests: readonly { readonly file: string; readonly index: number; readonly test: RuleTest }[];
  readonly files: readonly string[];
}

export type CompileResult =
  | { readonly ok: true; readonly ruleSet: RuleSet; readonly problems: readonly RuleProblem[] }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

export function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('')}`;
}

type ZodIssue = z.core.$ZodIssue;

/** The most specific issues of an issue: unions report every branch, so follow the branch that got deepest. */
function specificIssues(
  issue: ZodIssue,
  prefix: readonly PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors)) {
    const branches = issue.errors as ZodIssue[][];
    const depth = (branch: ZodIssue[]): number =>
      Math.max(
        0,
        ...branch.flatMap((i) =>
          specificIssues(i, []).map((x) => x.path.length + (i.code === 'unrecognized_keys' ? -0.5 : 0)),
        ),
      );
    const best = branches.reduce<ZodIssue[] | undefined>(
      (acc, b) => (acc === undefined || depth(b) > depth(acc) ? b : acc),
      undefined,
    );
    if (best && best.length > 0) return best.flatMap((sub) => specificIssues(sub, path));
  }
  return [{ path, message: issue.message }];
}

export function zodProblems(file: string, error: z.ZodError): RuleProblem[] {
  return error.issues.flatMap((issue) =>
    specificIssues(issue, []).map((x) => ({
      file,
      path: jsonPath(x.path),
      message: x.message,
      severity: 'error' as const,
    })),
  );
}

/** Calls `visit` for every leaf condition with its path (`['conditions', 'all', 0]`), depth first. */
export function forEachLeaf(
  c: SourceCondition | SourceTopLevelCondition,
  visit: (leaf: LeafCondition, path: readonly (string | number)[]) => void,
  path: readonly (string | number)[] = ['conditions'],
): void {
  if (isLeaf(c as SourceCondition)) {
    visit(c as LeafCondition, path);
    return;
  }
  // A reference to a shared condition: its leaves are where it is written.
  if ('all' in c) for (const [i, x] of c.all.entries()) forEachLeaf(x, visit, [...path, 'all', i]);
  else if ('any' in c) for (const [i, x] of c.any.entries()) forEachLeaf(x, visit, [...path, 'any', i]);
  else if ('not' in c) forEachLeaf(c.not, visit, [...path, 'not']);
}

/** The pattern of a `matches` value, or why it is not one. */
export function patternProblem(value: unknown): string | undefined {
  const v = typeof value === 'string' ? { pattern: value, flags: '' } : value;
  if (!v || typeof v !== 'object' || !('pattern' in v) || typeof v.pattern !== 'string')
    return 'matches needs a regular expression: "pattern" or {"pattern": "...", "flags": "i"}';
  try {
    new RegExp(v.pattern, 'flags' in v && v.flags === 'i' ? 'i' : '');
    return undefined;
  } catch (e) {
    return `invalid regular expression: ${e instanceof Error ? e.message : String(e)}`;
  }
}

type Requirement = (present: ReadonlySet<string>) => boolean;

function requirement(c: Condition): Requirement {
  if (isLeaf(c)) {
    const facts = [c.fact];
    if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value)
      facts.push(c.value.fact);
    return (present) => facts.every((f) => present.has(f));
  }
  if ('all' in c) {
    const parts = c.all.map(requirement);
    return (present) => parts.every((p) => p(present));
  }
  if ('any' in c) {
    const parts = c.any.map(requirement);
    return (present) => parts.some((p) => p(present));
  }
  return () => true;
}

export function factsOf(c: Condition | TopLevelCondition, out = new Set<string>()): Set<string> {
  if (isLeaf(c as Condition)) {
    const leaf = c as Extract<Condition, { fact: string }>;
    out.add(leaf.fact);
    if (leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value) && 'fact' in leaf.value)
      out.add(leaf.value.fact);
    return out;
  }
  if ('all' in c) for (const x of c.all) factsOf(x, out);
  else if ('any' in c) for (const x of c.any) factsOf(x, out);
  else if ('not' in c) factsOf(c.not, out);
  return out;
}

/** Ordering and equality operators: a failed one reads as its negation ("31 % ≤ 85 %"). */
export const ORDER_COMPARISONS = [
  'greaterThan',
  'greaterThanInclusive',
  'lessThan',
  'lessThanInclusive',
  'equal',
  'notEqual',
] as const satisfies readonly OperatorName[];
export type OrderComparison = (typeof ORDER_COMPARISONS)[number];

const COMPARISONS: ReadonlySet<string> = new Set([...ORDER_COMPARISONS, 'between']);

function comparedFactsOf(c: TopLevelCondition): string[] {
  const out: string[] = [];
  forEachLeaf(c, (l) => {
    if (COMPARISONS.has(l.operator) && !l.fact.startsWith('words.')) out.push(l.fact);
  });
  return out;
}

function patternProblems(
  file: string,
  base: readonly (string | number)[],
  conditions: SourceTopLevelCondition,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  forEachLeaf(conditions, (leaf, path) => {
    if (leaf.operator !== 'matches') return;
    const message = patternProblem(leaf.value);
    if (message)
      out.push({ file, path: jsonPath([...base, ...path.slice(1), 'value']), message, severity: 'error' });
  });
  return out;
}

/**
 * The named entries (shared conditions or shared steps) of every file in one map: a name given twice is an
 * error at the second file's entry, and the first one is kept.
 */
function byName<T, V extends { readonly file: string }>(
  files: readonly { readonly file: string; readonly entries: Readonly<Record<string, T>> }[],
  key: 'conditions' | 'steps',
  make: (name: string, file: string, value: T) => V,
): { shared: Map<string, V>; problems: RuleProblem[] } {
  const what = key === 'conditions' ? 'condition' : 'step';
  const shared = new Map<string, V>();
  const problems: RuleProblem[] = [];
  for (const f of files) {
    for (const [name, value] of Object.entries(f.entries)) {
      const prev = shared.get(name);
      if (prev) {
        problems.push({
          file: f.file,
          path: jsonPath([key, name]),
          message: `duplicate shared ${what} "${name}" (also in ${prev.file})`,
          severity: 'error',
        });
        continue;
      }
      shared.set(name, make(name, f.file, value));
    }
  }
  return { shared, problems };
}

/**
 * Every file's shared conditions by name, with the problems of the set: a name given twice, and references
 * inside shared conditions to unknown names or back to themselves.
 */
export function sharedConditionsOf(
  files: readonly {
    readonly file: string;
    readonly conditions: Readonly<Record<string, SourceTopLevelCondition>>;
  }[],
): { readonly shared: ReadonlyMap<string, SharedCondition>; readonly problems: readonly RuleProblem[] } {
  const { shared, problems } = byName(
    files.map((f) => ({ file: f.file, entries: f.conditions })),
    'conditions',
    (name, file, conditions): SharedCondition => ({ name, file, conditions }),
  );
  for (const def of shared.values()) {
    const base = ['conditions', def.name];
    const r = resolveConditions(def.conditions, shared, def.name);
    for (const p of r.problems)
      problems.push({
        file: def.file,
        path: jsonPath([...base, ...p.path.slice(1)]),
        message: p.message,
        severity: 'error',
      });
    if (r.problems.length === 0) problems.push(...patternProblems(def.file, base, r.conditions));
  }
  return { shared, problems };
}

/** Every file's shared steps by name, with the problems of the set: a name given twice. */
export function sharedStepsOf(
  files: readonly { readonly file: string; readonly steps: Readonly<Record<string, NextStepTemplate>> }[],
): { readonly shared: ReadonlyMap<string, SharedStep>; readonly problems: readonly RuleProblem[] } {
  return byName(
    files.map((f) => ({ file: f.file, entries: f.steps })),
    'steps',
    (name, file, step): SharedStep => ({ name, file, step }),
  );
}

export function compileRules(sources: readonly RuleSource[]): CompileResult {
  const problems: RuleProblem[] = [];
  const rules: CompiledRule[] = [];
  const tests: { file: string; index: number; test: RuleTest }[] = [];
  const seen = new Map<string, string>();
  const sorted = [...sources].sort((a, b) => a.file.localeCompare(b.file));
  const hash = createHash('sha256');
  const files: { file: string; data: RuleFile }[] = [];
  for (const src of sorted) {
    if (src.syntaxError !== undefined) {
      problems.push({
        file: src.file,
        path: '$',
        message: `invalid JSON: ${src.syntaxError}`,
        severity: 'error',
      });
      continue;
    }
    const parsed = RuleFileSchema.safeParse(src.json);
    if (!parsed.success) {
      problems.push(...zodProblems(src.file, parsed.error));
      continue;
    }
    // The file name, not its directory: the same rules have the same version wherever they are read from.
    hash
      .update(src.file.split(/[\\/]/).pop() ?? src.file)
      .update('\0')
      .update(canonicalJson(src.json))
      .update('\0');
    files.push({ file: src.file, data: parsed.data });
  }
  const { shared, problems: sharedProblems } = sharedConditionsOf(
    files.map((f) => ({ file: f.file, conditions: f.data.conditions })),
  );
  problems.push(...sharedProblems);
  const steps = sharedStepsOf(files.map((f) => ({ file: f.file, steps: f.data.steps })));
  problems.push(...steps.problems);
  for (const { file, data } of files) {
    data.rules.forEach((source, index) => {
      const resolved = resolveConditions(source.conditions, shared);
      const resolvedSteps = resolveSteps(source.nextSteps, steps.shared);
      for (const p of [...resolved.problems, ...resolvedSteps.problems])
        problems.push({
          file,
          path: jsonPath(['rules', index, ...p.path]),
          message: p.message,
          severity: 'error',
        });
      const def: RuleDef = { ...source, conditions: resolved.conditions, nextSteps: resolvedSteps.steps };
      // A shared condition's patterns are checked once, where it is written.
      problems.push(...patternProblems(file, ['rules', index, 'conditions'], source.conditions));
      const prev = seen.get(def.id);
      if (prev !== undefined) {
        problems.push({
          file,
          path: jsonPath(['rules', index, 'id']),
          message: `duplicate rule id "${def.id}" (also in ${prev})`,
          severity: 'error',
        });
        return;
      }
      seen.set(def.id, file);
      if (!def.enabled) return;
      rules.push({
        def,
        file,
        index,
        inlined: resolved.inlined,
        facts: [...factsOf(def.conditions)],
        comparedFacts: comparedFactsOf(def.conditions),
        canFire: requirement(def.conditions as Condition),
        engineRule: {
          name: def.id,
          conditions: def.conditions as RuleProperties['conditions'],
          event: { type: 'evidence', params: { rule: def.id } },
        },
      });
    });
    data.tests.forEach((test, index) => {
      tests.push({ file, index, test });
    });
  }
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return {
    ok: true,
    problems,
    ruleSet: {
      version: hash.digest('hex').slice(0, 12),
      rules,
      byId: new Map(rules.map((r) => [r.def.id, r])),
      tests,
      files: sorted.map((s) => s.file),
    },
  };
}
