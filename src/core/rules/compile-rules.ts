import { createHash } from 'node:crypto';
import type { RuleProperties } from 'json-rules-engine';
import type { z } from 'zod';
import {
  type Condition,
  isLeaf,
  type RuleDef,
  RuleFileSchema,
  type RuleTest,
  type TopLevelCondition,
} from './rule-schema.js';

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
  /** Every fact the conditions read. */
  readonly facts: readonly string[];
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

export function zodProblems(file: string, error: z.ZodError): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const issue of error.issues) {
    // Unions report every branch; show the deepest, most specific message for each path.
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors)) {
      const branches = issue.errors as z.core.$ZodIssue[][];
      const best = branches.reduce<z.core.$ZodIssue[] | undefined>((acc, b) => {
        const depth = (x: z.core.$ZodIssue[]) => Math.max(0, ...x.map((i) => i.path.length));
        return acc === undefined || depth(b) > depth(acc) ? b : acc;
      }, undefined);
      if (best && best.length > 0) {
        for (const sub of best) {
          out.push({
            file,
            path: jsonPath([...issue.path, ...sub.path]),
            message: sub.message,
            severity: 'error',
          });
        }
        continue;
      }
    }
    out.push({ file, path: jsonPath(issue.path), message: issue.message, severity: 'error' });
  }
  return out;
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

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function compileRules(sources: readonly RuleSource[]): CompileResult {
  const problems: RuleProblem[] = [];
  const rules: CompiledRule[] = [];
  const tests: { file: string; index: number; test: RuleTest }[] = [];
  const seen = new Map<string, string>();
  const sorted = [...sources].sort((a, b) => a.file.localeCompare(b.file));
  const hash = createHash('sha256');
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
    hash.update(src.file).update('\0').update(canonical(src.json)).update('\0');
    parsed.data.rules.forEach((def, index) => {
      const prev = seen.get(def.id);
      if (prev !== undefined) {
        problems.push({
          file: src.file,
          path: jsonPath(['rules', index, 'id']),
          message: `duplicate rule id "${def.id}" (also in ${prev})`,
          severity: 'error',
        });
        return;
      }
      seen.set(def.id, src.file);
      if (!def.enabled) return;
      rules.push({
        def,
        file: src.file,
        index,
        facts: [...factsOf(def.conditions)],
        canFire: requirement(def.conditions as Condition),
        engineRule: {
          name: def.id,
          conditions: def.conditions as RuleProperties['conditions'],
          event: { type: 'evidence', params: { rule: def.id } },
        },
      });
    });
    parsed.data.tests.forEach((test, index) => {
      tests.push({ file: src.file, index, test });
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
