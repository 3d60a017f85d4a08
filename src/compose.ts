import { fileURLToPath } from 'node:url';
import { readCatalogue } from './adapters/catalogue/read-catalogue.js';
import { readRuleSources } from './adapters/rule-files/read-rule-sources.js';
import { createShellQuote } from './adapters/shell/create-shell-quote.js';
import { createDiagnosisCore, type DiagnosisCore } from './core/diagnose.js';
import { compileRules, type RuleProblem, type RuleSet } from './core/rules/compile-rules.js';
import { ResetDoctorError } from './errors.js';

/** Where the package's own rules, catalogue and examples live (works from src/ with tsx and from dist/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
export const DEFAULT_CATALOGUE = fileURLToPath(new URL('../catalogue/metrics.json', import.meta.url));

export function formatProblems(problems: readonly RuleProblem[]): string {
  return problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('\n');
}

export async function loadRuleSet(rulesDir: string): Promise<RuleSet> {
  let sources: Awaited<ReturnType<typeof readRuleSources>>;
  try {
    sources = await readRuleSources(rulesDir);
  } catch (e) {
    throw new ResetDoctorError(
      'RULES_INVALID',
      `cannot read rules from ${rulesDir}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  if (sources.length === 0)
    throw new ResetDoctorError('RULES_INVALID', `no rule files (*.json) in ${rulesDir}`);
  const result = compileRules(sources);
  if (!result.ok)
    throw new ResetDoctorError('RULES_INVALID', `invalid rules:\n${formatProblems(result.problems)}`);
  return result.ruleSet;
}

export interface CoreLocations {
  readonly rulesDir?: string;
  readonly catalogueFile?: string;
}

export async function loadCore(locations: CoreLocations = {}): Promise<DiagnosisCore> {
  const [ruleSet, catalogue] = await Promise.all([
    loadRuleSet(locations.rulesDir ?? DEFAULT_RULES_DIR),
    readCatalogue(locations.catalogueFile ?? DEFAULT_CATALOGUE),
  ]);
  return createDiagnosisCore({ ruleSet, catalogue, quote: createShellQuote() });
}
