import type { FactCatalogue } from '../../core/facts/fact-catalogue.js';
import { type CompiledOverrides, compileOverrides } from '../../core/rules/compile-overrides.js';
import {
  compileRules,
  type RuleProblem,
  type RuleSet,
  type RuleSource,
} from '../../core/rules/compile-rules.js';
import { type CheckRegex, lintRules } from '../../core/rules/lint-rules.js';
import { readOverridesSource } from './read-overrides-source.js';
import { readRuleSources } from './read-rule-sources.js';

/** A rules directory read, validated and compiled: what one diagnosis core is built from. */
export interface RulesSnapshot {
  readonly dir: string;
  readonly sources: readonly RuleSource[];
  readonly overridesSource?: RuleSource;
  readonly ruleSet: RuleSet;
  readonly overrides?: CompiledOverrides;
  /** Problems that did not block loading (lint warnings). */
  readonly warnings: readonly RuleProblem[];
}

export type LoadRulesResult =
  | { readonly ok: true; readonly snapshot: RulesSnapshot }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

export interface LoadRulesOptions {
  /** Also lint (unknown facts, unsafe regexes, quoting ...): any lint error rejects the set. */
  readonly lint?: { readonly facts: FactCatalogue; readonly checkRegex?: CheckRegex };
}

/** Builds a snapshot from sources already read (the playground edits them in memory). */
export function compileSnapshot(
  dir: string,
  sources: readonly RuleSource[],
  overridesSource: RuleSource | undefined,
  options: LoadRulesOptions = {},
): LoadRulesResult {
  if (sources.length === 0)
    return {
      ok: false,
      problems: [{ file: dir, path: '$', message: 'no rule files (*.json)', severity: 'error' }],
    };
  const compiled = compileRules(sources);
  if (!compiled.ok) return { ok: false, problems: compiled.problems };
  let warnings: RuleProblem[] = [...compiled.problems];
  if (options.lint) {
    const problems = lintRules({
      sources,
      ...(overridesSource ? { overrides: overridesSource } : {}),
      facts: options.lint.facts,
      ...(options.lint.checkRegex ? { checkRegex: options.lint.checkRegex } : {}),
    });
    if (problems.some((p) => p.severity === 'error'))
      return { ok: false, problems: problems.filter((p) => p.severity === 'error') };
    warnings = problems;
  }
  let overrides: CompiledOverrides | undefined;
  if (overridesSource) {
    if (overridesSource.syntaxError !== undefined)
      return {
        ok: false,
        problems: [
          {
            file: overridesSource.file,
            path: '$',
            message: `invalid JSON: ${overridesSource.syntaxError}`,
            severity: 'error',
          },
        ],
      };
    const r = compileOverrides(overridesSource.file, overridesSource.json, compiled.ruleSet);
    if (!r.ok) return { ok: false, problems: r.problems };
    overrides = r.overrides;
  }
  return {
    ok: true,
    snapshot: {
      dir,
      sources,
      ...(overridesSource ? { overridesSource } : {}),
      ruleSet: compiled.ruleSet,
      ...(overrides ? { overrides } : {}),
      warnings,
    },
  };
}

/** Reads every rule file and overrides.json of a directory and compiles them; never throws on bad content. */
export async function loadRules(dir: string, options: LoadRulesOptions = {}): Promise<LoadRulesResult> {
  let sources: RuleSource[];
  let overridesSource: RuleSource | undefined;
  try {
    [sources, overridesSource] = await Promise.all([readRuleSources(dir), readOverridesSource(dir)]);
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          file: dir,
          path: '$',
          message: `cannot read: ${e instanceof Error ? e.message : String(e)}`,
          severity: 'error',
        },
      ],
    };
  }
  return compileSnapshot(dir, sources, overridesSource, options);
}
