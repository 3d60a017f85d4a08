import type { RuleProperties } from 'json-rules-engine';
import type { Subject } from '../facts/gather-facts.js';
import { canonicalJson, sha256Hex } from '../model/canonical-json.js';
import {
  type CompiledRule,
  forEachLeaf,
  jsonPath,
  type RuleProblem,
  type RuleSet,
  zodProblems,
} from './compile-rules.js';
import {
  OVERRIDE_MATCH_KEYS,
  type Override,
  type OverrideMatchKey,
  OverridesFileSchema,
  type ThresholdValue,
} from './overrides-schema.js';
import {
  type Condition,
  isLeaf,
  type LeafCondition,
  type RuleTest,
  type TopLevelCondition,
} from './rule-schema.js';

/** Operators whose number value a threshold override may replace. */
export const THRESHOLD_OPERATORS: ReadonlySet<string> = new Set([
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'withinPercentOf',
  'increasedBy',
]);

export interface CompiledOverride {
  readonly name: string;
  readonly index: number;
  readonly matches: (subject: Subject) => boolean;
  readonly weights: ReadonlyMap<string, number>;
  readonly disabled: ReadonlySet<string>;
  /** rule id → fact → value */
  readonly thresholds: ReadonlyMap<string, ReadonlyMap<string, ThresholdValue>>;
}

export interface CompiledOverrides {
  /** Content hash (12 hex digits); folded into the answer's rules version. */
  readonly version: string;
  readonly file: string;
  readonly entries: readonly CompiledOverride[];
  readonly tests: readonly { readonly file: string; readonly index: number; readonly test: RuleTest }[];
}

export type CompileOverridesResult =
  | { readonly ok: true; readonly overrides: CompiledOverrides; readonly problems: readonly RuleProblem[] }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

/** `*` any run of characters, `?` one character; everything else literal. Linear in practice, no regex. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === text[t])) {
      p++;
      t++;
    } else if (pc === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function matcher(match: Override['match']): (subject: Subject) => boolean {
  const tests: [OverrideMatchKey, readonly string[]][] = [];
  for (const key of OVERRIDE_MATCH_KEYS) {
    const v = match[key];
    if (v !== undefined) tests.push([key, typeof v === 'string' ? [v] : v]);
  }
  return (subject) =>
    tests.every(([key, globs]) => {
      const value = subject[key];
      return value !== undefined && globs.some((g) => globMatch(g, String(value)));
    });
}

/** Whether a threshold value fits a condition: a number for comparisons, [low, high] for between. */
function thresholdFits(leaf: LeafCondition, value: ThresholdValue): boolean {
  if (Array.isArray(value)) {
    return leaf.operator === 'between' && Array.isArray(leaf.value);
  }
  if (!THRESHOLD_OPERATORS.has(leaf.operator)) return false;
  if (typeof leaf.value === 'number') return true;
  // withinPercentOf [target, percent]: the number replaces the target.
  return (
    leaf.operator === 'withinPercentOf' && Array.isArray(leaf.value) && typeof leaf.value[0] === 'number'
  );
}

function replaceThresholds(
  c: Condition | TopLevelCondition,
  values: ReadonlyMap<string, ThresholdValue>,
): Condition | TopLevelCondition {
  if (isLeaf(c as Condition)) {
    const leaf = c as LeafCondition;
    const v = values.get(leaf.fact);
    if (v === undefined || !thresholdFits(leaf, v)) return leaf;
    if (!Array.isArray(v) && leaf.operator === 'withinPercentOf' && Array.isArray(leaf.value))
      return { ...leaf, value: [v, ...leaf.value.slice(1)] as (string | number)[] };
    return { ...leaf, value: Array.isArray(v) ? [...v] : v };
  }
  if ('all' in c) return { all: c.all.map((x) => replaceThresholds(x, values) as Condition) };
  if ('any' in c) return { any: c.any.map((x) => replaceThresholds(x, values) as Condition) };
  if ('not' in c) return { not: replaceThresholds(c.not, values) as Condition };
  return c;
}

/** The rule with its thresholds replaced: a new engine rule, same id, same facts. */
export function withThresholds(
  rule: CompiledRule,
  values: ReadonlyMap<string, ThresholdValue>,
): CompiledRule {
  const conditions = replaceThresholds(rule.def.conditions, values) as TopLevelCondition;
  return {
    ...rule,
    def: { ...rule.def, conditions },
    engineRule: { ...rule.engineRule, conditions: conditions as RuleProperties['conditions'] },
  };
}

/**
 * Validates an overrides file against the rule set it adjusts: every rule id, glob and threshold must refer
 * to something that exists, so a typo is an error instead of an override that silently does nothing.
 */
export function compileOverrides(file: string, json: unknown, ruleSet: RuleSet): CompileOverridesResult {
  const parsed = OverridesFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: zodProblems(file, parsed.error) };
  const problems: RuleProblem[] = [];
  const error = (path: (string | number)[], message: string) =>
    problems.push({ file, path: jsonPath(path), message, severity: 'error' });
  const allIds = [...ruleSet.byId.keys()];
  const names = new Map<string, number>();
  const entries: CompiledOverride[] = [];
  parsed.data.overrides.forEach((o, i) => {
    const prev = names.get(o.name);
    if (prev !== undefined)
      error(['overrides', i, 'name'], `duplicate override name "${o.name}" (also overrides[${prev}])`);
    names.set(o.name, i);
    const weights = new Map<string, number>();
    for (const [id, w] of Object.entries(o.weights)) {
      if (!ruleSet.byId.has(id)) error(['overrides', i, 'weights', id], `unknown rule id "${id}"`);
      weights.set(id, w);
    }
    const disabled = new Set<string>();
    o.disable.forEach((pattern, j) => {
      const hits = allIds.filter((id) => globMatch(pattern, id));
      if (hits.length === 0) error(['overrides', i, 'disable', j], `"${pattern}" matches no rule`);
      for (const id of hits) disabled.add(id);
    });
    const thresholds = new Map<string, ReadonlyMap<string, ThresholdValue>>();
    for (const [id, byFact] of Object.entries(o.thresholds)) {
      const rule = ruleSet.byId.get(id);
      if (!rule) {
        error(['overrides', i, 'thresholds', id], `unknown rule id "${id}"`);
        continue;
      }
      const leaves: LeafCondition[] = [];
      forEachLeaf(rule.def.conditions, (leaf) => {
        leaves.push(leaf);
      });
      const values = new Map<string, ThresholdValue>();
      for (const [fact, value] of Object.entries(byFact)) {
        const onFact = leaves.filter((l) => l.fact === fact);
        if (onFact.length === 0) {
          error(['overrides', i, 'thresholds', id, fact], `rule ${id} has no condition on ${fact}`);
          continue;
        }
        if (!onFact.some((l) => thresholdFits(l, value))) {
          error(
            ['overrides', i, 'thresholds', id, fact],
            Array.isArray(value)
              ? `rule ${id} has no between condition on ${fact} for a [low, high] range`
              : `rule ${id} compares ${fact} with no number this could replace (operators: ${onFact.map((l) => l.operator).join(', ')})`,
          );
          continue;
        }
        values.set(fact, value);
      }
      thresholds.set(id, values);
    }
    entries.push({ name: o.name, index: i, matches: matcher(o.match), weights, disabled, thresholds });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    problems,
    overrides: {
      version: sha256Hex(canonicalJson(parsed.data)).slice(0, 12),
      file,
      entries,
      tests: parsed.data.tests.map((test, index) => ({ file, index, test })),
    },
  };
}
