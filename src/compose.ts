import { fileURLToPath } from 'node:url';
import { readCatalogue } from './adapters/catalogue/read-catalogue.js';
import { createRegexSafetyCheck } from './adapters/regex/check-regex-safety.js';
import { loadRules, type RulesSnapshot } from './adapters/rule-files/load-rules.js';
import { createShellQuote } from './adapters/shell/create-shell-quote.js';
import { createDiagnosisCore, type DiagnosisCore } from './core/diagnose.js';
import { buildFactCatalogue } from './core/facts/fact-catalogue.js';
import type { MetricCatalogue } from './core/facts/metric-catalogue.js';
import type { RuleProblem, RuleSet } from './core/rules/compile-rules.js';
import { ResetDoctorError } from './errors.js';

/** Where the package's own rules, catalogue and examples live (works from src/ with tsx and from dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
export const DEFAULT_CATALOGUE = fileURLToPath(new URL('../catalogue/metrics.json', import.meta.url));

export function formatProblems(problems: readonly RuleProblem[]): string {
  return problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n');
}

export interface LoadSnapshotOptions {
  /** Lint too (slower: regex safety checks); lint errors reject the rules. */
  readonly lint?: { readonly catalogue: MetricCatalogue };
}

/** Reads and compiles a rules directory (rule files and overrides.json) or throws RULES_INVALID. */
export async function loadSnapshot(
  rulesDir: string,
  options: LoadSnapshotOptions = {},
): Promise<RulesSnapshot> {
  const result = await loadRules(
    rulesDir,
    options.lint
      ? { lint: { facts: buildFactCatalogue(options.lint.catalogue), checkRegex: createRegexSafetyCheck() } }
      : {},
  );
  if (!result.ok) {
    const single = result.problems.length === 1 && result.problems[0]?.file === rulesDir;
    throw new ResetDoctorError(
      'RULES_INVALID',
      single
        ? `rules in ${rulesDir}: ${result.problems[0]?.message}`
        : `invalid rules:\n${formatProblems(result.problems)}`,
    );
  }
  return result.snapshot;
}

export async function loadRuleSet(rulesDir: string): Promise<RuleSet> {
  return (await loadSnapshot(rulesDir)).ruleSet;
}

export interface CoreLocations {
  readonly rulesDir?: string;
  readonly catalogueFile?: string;
  /** Leave rules/overrides.json out (rule files' own tests describe the rules as shipped). */
  readonly withoutOverrides?: boolean;
}

export function coreFromSnapshot(
  snapshot: RulesSnapshot,
  catalogue: MetricCatalogue,
  options: { withoutOverrides?: boolean } = {},
): DiagnosisCore {
  return createDiagnosisCore({
    ruleSet: snapshot.ruleSet,
    catalogue,
    quote: createShellQuote(),
    ...(snapshot.overrides && !options.withoutOverrides ? { overrides: snapshot.overrides } : {}),
  });
}

export async function loadCore(locations: CoreLocations = {}): Promise<DiagnosisCore> {
  const [snapshot, catalogue] = await Promise.all([
    loadSnapshot(locations.rulesDir ?? DEFAULT_RULES_DIR),
    readCatalogue(locations.catalogueFile ?? DEFAULT_CATALOGUE),
  ]);
  return coreFromSnapshot(snapshot, catalogue, { withoutOverrides: locations.withoutOverrides ?? false });
}
