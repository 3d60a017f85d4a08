import type { FactCatalogue, KnownFact } from '../facts/fact-catalogue.js';
import { CAUSES } from '../model/causes.js';
import { compileOverrides } from './compile-overrides.js';
import {
  type CompiledRule,
  compileRules,
  factsOf,
  forEachLeaf,
  jsonPath,
  type RuleProblem,
  type RuleSet,
  type RuleSource,
  sharedConditionsOf,
  sharedStepsOf,
  zodProblems,
} from './compile-rules.js';
import { findAbsentFactTraps } from './find-absent-fact-traps.js';
import { findContradictions } from './find-contradictions.js';
import { findQuotingProblems } from './find-quoting-problems.js';
import {
  isStepReference,
  type LeafCondition,
  NextStepTemplateSchema,
  OPERATORS,
  RuleFileSchema,
  RuleSchema,
  type RuleTest,
  SHARED_CONDITION_NAME,
  type SourceRuleDef,
  type SourceTopLevelCondition,
  TopLevelConditionSchema,
} from './rule-schema.js';
import { inlinedAround, pathText, type Resolved, resolveConditions } from './shared-conditions.js';
import { resolveSteps } from './shared-steps.js';
import { suggest } from './suggest-name.js';
import { COMMAND_PLACEHOLDERS, placeholdersOf } from './template.js';

/**
 * `rules lint`: the schema, then what the schema cannot say. Every problem names its file and the JSONPath
 * of the offending value so an editor (or a person) can go straight to it.
 */

export type RegexVerdict =
  | { readonly status: 'safe' }
  | { readonly status: 'vulnerable'; readonly detail: string }
  | { readonly status: 'unknown'; readonly detail: string };

/** Decides whether a regex can backtrack catastrophically (an adapter: recheck). */
export type CheckRegex = (pattern: string, flags: string) => RegexVerdict;

export interface LintInput {
  readonly sources: readonly RuleSource[];
  /** rules/overrides.json, when there is one. */
  readonly overrides?: RuleSource;
  readonly facts: FactCatalogue;
  /** Without it, `matches` patterns are only checked for syntax. */
  readonly checkRegex?: CheckRegex;
}

type Path = readonly (string | number)[];

const NUMERIC_OPERATORS = new Set([
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'between',
  'withinPercentOf',
  'increasedBy',
]);
const TAG_OPERATORS = new Set(['contains', 'doesNotContain', 'containsAny', 'containsAll', 'containsNone']);
const COMMAND_PLACEHOLDER_SET: ReadonlySet<string> = new Set(COMMAND_PLACEHOLDERS);

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let cur = json;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Clearer words than zod's for the two vocabularies an author meets most. */
function explainSchemaProblem(p: RuleProblem, json: unknown, rawPath: readonly PropertyKey[]): RuleProblem {
  const last = rawPath[rawPath.length - 1];
  const value = valueAt(json, rawPath);
  if (last === 'operator' && typeof value === 'string' && !(OPERATORS as readonly string[]).includes(value))
    return {
      ...p,
      message: `unknown operator "${value}"${suggest(value, OPERATORS)}; operators: ${OPERATORS.join(', ')}`,
    };
  if (last === 'cause' && typeof value === 'string' && !(CAUSES as readonly string[]).includes(value))
    return {
      ...p,
      message: `"${value}" is not a cause${suggest(value, CAUSES)}; causes: ${CAUSES.join(', ')}`,
    };
  return p;
}

function schemaProblems(
  file: string,
  json: unknown,
  error: Parameters<typeof zodProblems>[1],
): RuleProblem[] {
  // zodProblems flattens unions; re-derive each raw path from the issue list to look the value up.
  const problems = zodProblems(file, error);
  return problems.map((p) => {
    const raw = parsePath(p.path);
    return raw ? explainSchemaProblem(p, json, raw) : p;
  });
}

/** `$.rules[3].conditions.all[0].operator` → ['rules', 3, 'conditions', 'all', 0, 'operator']. */
export function parsePath(path: string): (string | number)[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const out: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let pos = 1;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    if (m.index !== pos) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
    pos = m.index + m[0].length;
  }
  return pos === path.length ? out : undefined;
}

function typeFits(fact: KnownFact, operator: string): string | undefined {
  const t = fact.type;
  if (NUMERIC_OPERATORS.has(operator) && t !== 'number' && !(operator === 'increasedBy' && t === 'number[]'))
    return `${operator} compares numbers, but ${fact.name} is ${t}`;
  if (operator === 'matches' && t !== 'string' && t !== 'string[]')
    return `matches reads text, but ${fact.name} is ${t}`;
  if ((operator === 'equal' || operator === 'notEqual') && t.endsWith('[]'))
    return `${operator} never holds for a list; use contains/containsAny on ${fact.name} (${t})`;
  if ((operator === 'in' || operator === 'notIn') && t.endsWith('[]'))
    return `${operator} compares one value; ${fact.name} is a list (${t}), use containsAny/containsNone`;
  return undefined;
}

function valueShape(leaf: LeafCondition): string | undefined {
  const v = leaf.value;
  const isRef = v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v;
  if (isRef) return undefined;
  switch (leaf.operator) {
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
    case 'increasedBy':
      return typeof v === 'number' ? undefined : `${leaf.operator} needs a number, got ${JSON.stringify(v)}`;
    case 'between':
      if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'number' || typeof v[1] !== 'number')
        return `between needs [low, high], got ${JSON.stringify(v)}`;
      return v[0] > v[1] ? `between [${v[0]}, ${v[1]}]: low is above high, nothing is in range` : undefined;
    case 'withinPercentOf':
      if (typeof v === 'number') return undefined;
      if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number')
        return v[1] < 0 ? 'withinPercentOf: the percentage must not be negative' : undefined;
      return `withinPercentOf needs a target number or [target, percent], got ${JSON.stringify(v)}`;
    case 'in':
    case 'notIn':
      return Array.isArray(v) ? undefined : `${leaf.operator} needs a list, got ${JSON.stringify(v)}`;
    case 'containsAny':
    case 'containsAll':
    case 'containsNone':
      if (Array.isArray(v) && v.length === 0) return `${leaf.operator} with an empty list says nothing`;
      return undefined;
    case 'matches':
      return undefined;
    default:
      return v !== null && typeof v === 'object' && !Array.isArray(v)
        ? `${leaf.operator} compares with a value or {"fact": ...}, not ${JSON.stringify(v)}`
        : undefined;
  }
}

/** Facts every diagnosis has, empty when nothing was found: a negative test on them never meets a missing fact. */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set(['words.hints', 'words.components', 'classes']);

type At = (path: Path, message: string, severity?: 'error' | 'warning') => void;

/** The checks of each leaf written in `conditions` (references to shared conditions are checked where those are written). */
function lintLeaves(
  conditions: SourceTopLevelCondition,
  at: At,
  input: LintInput,
  regexCache: Map<string, RegexVerdict>,
): void {
  const names = input.facts.facts.map((f) => f.name);
  forEachLeaf(conditions, (leaf, path) => {
    const fact = input.facts.lookup(leaf.fact);
    if (!fact) {
      at([...path, 'fact'], `unknown fact "${leaf.fact}"${suggest(leaf.fact, names)}`);
    } else {
      const misfit = typeFits(fact, leaf.operator);
      if (misfit) at([...path, 'operator'], misfit);
    }
    const v = leaf.value;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'fact' in v) {
      if (!input.facts.lookup(v.fact))
        at([...path, 'value', 'fact'], `unknown fact "${v.fact}"${suggest(v.fact, names)}`);
    }
    const shape = valueShape(leaf);
    if (shape) at([...path, 'value'], shape);

    // Tag values outside the documented vocabulary: probably a typo, so the condition never matches.
    if (
      fact?.values &&
      (TAG_OPERATORS.has(leaf.operator) || ['equal', 'notEqual', 'in', 'notIn'].includes(leaf.operator))
    ) {
      const vocab = new Set(fact.values);
      const items = Array.isArray(v) ? v : [v];
      items.forEach((item, k) => {
        if (typeof item !== 'string' || vocab.has(item)) return;
        at(
          Array.isArray(v) ? [...path, 'value', k] : [...path, 'value'],
          `"${item}" is not a documented value of ${fact.name}${suggest(item, fact.values ?? [])}`,
          'warning',
        );
      });
    }

    if (leaf.operator === 'matches' && input.checkRegex) {
      const pattern =
        typeof v === 'string' ? v : v && typeof v === 'object' && 'pattern' in v ? v.pattern : undefined;
      const flags = v && typeof v === 'object' && 'flags' in v && v.flags === 'i' ? 'i' : '';
      if (typeof pattern === 'string') {
        let ok = true;
        try {
          new RegExp(pattern, flags);
        } catch {
          ok = false; // compileRules reports the syntax error
        }
        if (ok) {
          const key = `${flags}/${pattern}`;
          let verdict = regexCache.get(key);
          if (!verdict) {
            verdict = input.checkRegex(pattern, flags);
            regexCache.set(key, verdict);
          }
          if (verdict.status === 'vulnerable')
            at(
              [...path, 'value'],
              `unsafe regular expression (catastrophic backtracking): ${verdict.detail}`,
            );
          else if (verdict.status === 'unknown')
            at(
              [...path, 'value'],
              `could not prove the regular expression linear-time: ${verdict.detail}`,
              'warning',
            );
        }
      }
    }
  });
}

function lintRule(
  file: string,
  index: number,
  def: SourceRuleDef,
  resolved: Resolved,
  input: LintInput,
  regexCache: Map<string, RegexVerdict>,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const at: At = (path, message, severity = 'error') =>
    out.push({ file, path: jsonPath(['rules', index, ...path]), message, severity });
  const names = input.facts.facts.map((f) => f.name);
  lintLeaves(def.conditions, at, input, regexCache);
  const read = factsOf(resolved.conditions);

  // Contradictions are looked for with shared conditions written out; one found inside a shared condition
  // is reported at the reference to it.
  const placed = (path: Path): { path: Path; note: string } => {
    const outer = inlinedAround(resolved.inlined, pathText(path))[0];
    if (!outer) return { path, note: '' };
    return { path: parsePath(`$.${outer.at}`) ?? path, note: ` (in shared condition "${outer.name}")` };
  };
  for (const c of findContradictions(resolved.conditions)) {
    const others = c.with.map((p) => jsonPath(['rules', index, ...placed(p).path])).join(', ');
    const here = placed(c.path);
    at(here.path, `${c.message}${here.note}${others ? ` (with ${others})` : ''}`);
  }
  for (const t of findAbsentFactTraps(resolved.conditions, (fact) => ALWAYS_PRESENT.has(fact))) {
    const here = placed(t.path);
    at(here.path, `${t.message}${here.note}`, 'warning');
  }

  // Text templates: every {{x}} must be a fact the catalogue knows, or `matched`.
  const texts: [Path, string | undefined][] = [
    [['title'], def.title],
    [['evidence'], def.evidence],
  ];
  for (const [path, text] of texts) {
    if (text === undefined) continue;
    for (const name of placeholdersOf(text)) {
      if (name === 'matched') continue;
      const fact = input.facts.lookup(name);
      if (!fact)
        at(
          path,
          `{{${name}}} is not a fact${suggest(name, [...names, 'matched'])}; use a fact name or {{matched}}`,
        );
      else if (fact.large)
        at(path, `{{${name}}} is too large to quote; use {{matched}} for the line a matches condition found`);
      else if (!read.has(name) && ![...read].some((r) => r.split('.')[0] === name.split('.')[0]))
        at(
          path,
          `{{${name}}} is a fact this rule does not test, so it may be absent and print "?"; add a condition on it or quote a fact the rule reads`,
          'warning',
        );
    }
  }

  def.nextSteps.forEach((step, k) => {
    if (!isStepReference(step)) lintCommand(step.command, ['nextSteps', k, 'command'], at);
  });
  return out;
}

/** A next step's command: only the placeholders that can be filled in, none of them inside quotes. */
function lintCommand(command: string, path: Path, at: At): void {
  for (const name of placeholdersOf(command)) {
    if (!COMMAND_PLACEHOLDER_SET.has(name))
      at(
        path,
        `{{${name}}} cannot be filled into a command${suggest(name, COMMAND_PLACEHOLDERS)}; placeholders: ${COMMAND_PLACEHOLDERS.join(', ')}`,
      );
  }
  for (const q of findQuotingProblems(command)) at(path, `${q.message} (at character ${q.at + 1})`);
}

/**
 * The entries of a file's named record (`conditions`, `steps`) that are valid on their own, for a file that
 * fails the schema: one bad entry does not hide the others from the rules that name them.
 */
function validNamed<T>(
  json: unknown,
  key: 'conditions' | 'steps',
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): Record<string, T> | undefined {
  const raw = valueAt(json, [key]);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const valid = Object.entries(raw).flatMap(([name, v]) => {
    const one = schema.safeParse(v);
    return one.success && SHARED_CONDITION_NAME.test(name) ? [[name, one.data] as const] : [];
  });
  return Object.fromEntries(valid);
}

function looseRuleSet(sources: readonly RuleSource[]): RuleSet {
  const rules: CompiledRule[] = [];
  const byId = new Map<string, CompiledRule>();
  for (const src of sources) {
    const one = compileRules([src]);
    if (!one.ok) continue;
    for (const r of one.ruleSet.rules) {
      if (byId.has(r.def.id)) continue;
      byId.set(r.def.id, r);
      rules.push(r);
    }
  }
  return { version: 'lint', rules, byId, tests: [], files: sources.map((s) => s.file) };
}

export function lintRules(input: LintInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const regexCache = new Map<string, RegexVerdict>();
  const ids = new Map<string, string>();
  const valid: { file: string; tests: readonly RuleTest[] }[] = [];

  const sorted = [...input.sources].sort((a, b) => a.file.localeCompare(b.file));
  // Shared conditions first: every rule of every file may name one. A file that fails the schema still
  // lends the shared conditions that are valid on their own.
  const { shared, problems: sharedProblems } = sharedConditionsOf(
    sorted.flatMap((src) => {
      if (src.syntaxError !== undefined) return [];
      const whole = RuleFileSchema.safeParse(src.json);
      if (whole.success) return [{ file: src.file, conditions: whole.data.conditions }];
      const conditions = validNamed(src.json, 'conditions', TopLevelConditionSchema);
      return conditions ? [{ file: src.file, conditions }] : [];
    }),
  );
  problems.push(...sharedProblems);
  const named = new Set<string>();
  for (const def of shared.values()) {
    const base = ['conditions', def.name];
    const at: At = (path, message, severity = 'error') =>
      problems.push({ file: def.file, path: jsonPath([...base, ...path.slice(1)]), message, severity });
    lintLeaves(def.conditions, at, input, regexCache);
    const resolved = resolveConditions(def.conditions, shared, def.name);
    if (resolved.problems.length > 0) continue;
    for (const c of findContradictions(resolved.conditions)) at(c.path, c.message);
  }

  // Shared steps likewise: each is checked once, where it is written.
  const steps = sharedStepsOf(
    sorted.flatMap((src) => {
      if (src.syntaxError !== undefined) return [];
      const steps = validNamed(src.json, 'steps', NextStepTemplateSchema);
      return steps ? [{ file: src.file, steps }] : [];
    }),
  );
  problems.push(...steps.problems);
  for (const def of steps.shared.values()) {
    const at: At = (path, message, severity = 'error') =>
      problems.push({ file: def.file, path: jsonPath(['steps', def.name, ...path]), message, severity });
    lintCommand(def.step.command, ['command'], at);
  }
  const namedSteps = new Set<string>();

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
    let defs: (SourceRuleDef | undefined)[];
    if (parsed.success) defs = parsed.data.rules;
    else {
      problems.push(...schemaProblems(src.file, src.json, parsed.error));
      // Lint the rules that are valid on their own, so one bad rule does not hide the rest.
      const raw = valueAt(src.json, ['rules']);
      defs = Array.isArray(raw)
        ? raw.map((r) => {
            const one = RuleSchema.safeParse(r);
            return one.success ? one.data : undefined;
          })
        : [];
    }
    defs.forEach((def, index) => {
      if (!def) return;
      const prev = ids.get(def.id);
      if (prev !== undefined)
        problems.push({
          file: src.file,
          path: jsonPath(['rules', index, 'id']),
          message: `duplicate rule id "${def.id}" (also in ${prev})`,
          severity: 'error',
        });
      else ids.set(def.id, src.file);
      const resolved = resolveConditions(def.conditions, shared);
      for (const i of resolved.inlined) named.add(i.name);
      const resolvedSteps = resolveSteps(def.nextSteps, steps.shared);
      for (const n of resolvedSteps.named) namedSteps.add(n);
      for (const p of [...resolved.problems, ...resolvedSteps.problems])
        problems.push({
          file: src.file,
          path: jsonPath(['rules', index, ...p.path]),
          message: p.message,
          severity: 'error',
        });
      if (resolved.problems.length === 0)
        problems.push(...lintRule(src.file, index, def, resolved, input, regexCache));
    });
    valid.push({ file: src.file, tests: parsed.success ? parsed.data.tests : [] });
  }

  const unused = [
    ...[...shared.values()]
      .filter((d) => !named.has(d.name))
      .map((d) => ({ file: d.file, name: d.name, key: 'conditions', what: 'condition' })),
    ...[...steps.shared.values()]
      .filter((d) => !namedSteps.has(d.name))
      .map((d) => ({ file: d.file, name: d.name, key: 'steps', what: 'step' })),
  ];
  for (const d of unused)
    problems.push({
      file: d.file,
      path: jsonPath([d.key, d.name]),
      message: `no rule uses the shared ${d.what} "${d.name}"`,
      severity: 'warning',
    });

  // Test expectations must name rules that exist.
  for (const v of valid) {
    v.tests.forEach((t, i) => {
      for (const key of ['fires', 'notFires'] as const) {
        (t.expect[key] ?? []).forEach((id, k) => {
          if (!ids.has(id))
            problems.push({
              file: v.file,
              path: jsonPath(['tests', i, 'expect', key, k]),
              message: `no rule has the id "${id}"${suggest(id, ids.keys())}`,
              severity: 'error',
            });
        });
      }
    });
  }

  // Compilation catches what is left (regex syntax); then the overrides are checked against the rules.
  const compiled = compileRules(input.sources);
  for (const p of compiled.problems) {
    if (!problems.some((q) => q.file === p.file && q.path === p.path)) problems.push(p);
  }
  if (input.overrides) {
    const o = input.overrides;
    if (o.syntaxError !== undefined)
      problems.push({
        file: o.file,
        path: '$',
        message: `invalid JSON: ${o.syntaxError}`,
        severity: 'error',
      });
    else {
      // Check against every rule that compiles on its own, so broken rule files do not hide override problems.
      const ruleSet = compiled.ok ? compiled.ruleSet : looseRuleSet(input.sources);
      problems.push(...compileOverrides(o.file, o.json, ruleSet).problems);
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file));
}
