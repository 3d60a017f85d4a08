import { basename, dirname, join } from 'node:path';
import { createDiagnosisCore, type DiagnosisCore } from '../../../core/diagnose.js';
import type { WhyNot } from '../../../core/explain/build-why-not.js';
import { buildFactCatalogue, type FactCatalogue } from '../../../core/facts/fact-catalogue.js';
import type { Diagnosis } from '../../../core/model/diagnosis.js';
import type { Incident } from '../../../core/model/incident.js';
import type { RuleProblem, RuleSource } from '../../../core/rules/compile-rules.js';
import { type CheckRegex, lintRules } from '../../../core/rules/lint-rules.js';
import { type RuleTestResult, runOverrideTests, runRuleTest } from '../../../core/rules/run-rule-tests.js';
import type { ShellQuote } from '../../../core/rules/template.js';
import { compileSnapshot, type RulesSnapshot } from '../../rule-files/load-rules.js';
import { OVERRIDES_FILE } from '../../rule-files/read-overrides-source.js';

/**
 * What the playground does with the rules the bot serves and one file edited in the browser: lint the set
 * with the edit, run the edited file's tests, diagnose with it. Everything in memory; nothing is written.
 */

/** The serving rules (a RulesProvider fits). */
export interface ServedRules {
  current(): DiagnosisCore;
  snapshot(): RulesSnapshot;
}

export interface RuleEdit {
  /** File name in the rules directory (`crash.json`, `overrides.json`, or a new `my-rule.json`). */
  readonly file: string;
  readonly text: string;
}

export interface EditedSet {
  /** Problems of the whole set with the edit (errors and warnings), file names without directories. */
  readonly problems: readonly RuleProblem[];
  /** The core with the edit, when the set has no errors. */
  readonly core?: DiagnosisCore;
}

export interface RuleFileView {
  readonly file: string;
  readonly text: string;
}

export interface RulesWorkbench {
  files(): { readonly version: string; readonly files: readonly RuleFileView[] };
  check(edit: RuleEdit): EditedSet;
  /** The tests of the edited file (or of overrides.json), run with the edited set. */
  test(
    edit: RuleEdit,
  ): Promise<{ readonly problems: readonly RuleProblem[]; readonly results: readonly RuleTestResult[] }>;
  diagnose(
    incident: Incident,
    edit?: RuleEdit,
  ): Promise<{
    readonly diagnosis: Diagnosis;
    readonly whyNot: readonly WhyNot[];
    readonly edited: boolean;
    readonly problems: readonly RuleProblem[];
  }>;
}

export const EDITABLE_FILE = /^[a-z0-9][a-z0-9._-]{0,80}\.json$/;

export function createRulesWorkbench(deps: {
  readonly rules: ServedRules;
  readonly quote: ShellQuote;
  readonly checkRegex?: CheckRegex;
}): RulesWorkbench {
  let facts: { catalogue: unknown; facts: FactCatalogue } | undefined;
  const factsOf = (core: DiagnosisCore): FactCatalogue => {
    if (!facts || facts.catalogue !== core.catalogue)
      facts = { catalogue: core.catalogue, facts: buildFactCatalogue(core.catalogue) };
    return facts.facts;
  };

  // The last edit checked, so typing, testing and diagnosing the same text compiles it once.
  let last: { key: string; result: EditedSet } | undefined;

  const check = (edit: RuleEdit): EditedSet => {
    const served = deps.rules.snapshot();
    const core = deps.rules.current();
    const key = `${core.version}\0${edit.file}\0${edit.text}`;
    if (last?.key === key) return last.result;
    const dir = served.sources[0] ? dirname(served.sources[0].file) : served.dir;
    let source: RuleSource;
    try {
      source = { file: join(dir, edit.file), json: JSON.parse(edit.text) as unknown };
    } catch (e) {
      source = { file: join(dir, edit.file), syntaxError: e instanceof Error ? e.message : String(e) };
    }
    const isOverrides = edit.file === OVERRIDES_FILE;
    const sources = isOverrides
      ? served.sources
      : [...served.sources.filter((s) => basename(s.file) !== edit.file), source];
    const overrides = isOverrides ? source : served.overridesSource;
    const problems = lintRules({
      sources,
      ...(overrides ? { overrides } : {}),
      facts: factsOf(core),
      ...(deps.checkRegex ? { checkRegex: deps.checkRegex } : {}),
    }).map((p) => ({ ...p, file: basename(p.file) }));
    let result: EditedSet = { problems };
    if (!problems.some((p) => p.severity === 'error')) {
      const compiled = compileSnapshot(served.dir, sources, overrides);
      if (compiled.ok) {
        result = {
          problems,
          core: createDiagnosisCore({
            ruleSet: compiled.snapshot.ruleSet,
            catalogue: core.catalogue,
            quote: deps.quote,
            ...(compiled.snapshot.overrides ? { overrides: compiled.snapshot.overrides } : {}),
          }),
        };
      } else
        result = {
          problems: [...problems, ...compiled.problems.map((p) => ({ ...p, file: basename(p.file) }))],
        };
    }
    last = { key, result };
    return result;
  };

  return {
    files() {
      const s = deps.rules.snapshot();
      const files = s.sources.map((src) => ({
        file: basename(src.file),
        text: src.json === undefined ? '' : `${JSON.stringify(src.json, null, 2)}\n`,
      }));
      if (s.overridesSource?.json !== undefined)
        files.push({ file: OVERRIDES_FILE, text: `${JSON.stringify(s.overridesSource.json, null, 2)}\n` });
      return { version: deps.rules.current().version, files };
    },
    check,
    async test(edit) {
      const set = check(edit);
      if (!set.core) return { problems: set.problems, results: [] };
      const core = set.core;
      if (edit.file === OVERRIDES_FILE) {
        const results = await runOverrideTests(core);
        return { problems: set.problems, results: results.map((r) => ({ ...r, file: basename(r.file) })) };
      }
      // A rule file's own cases describe the rules without overrides (as `rules test` runs them).
      const plain = core.overrides
        ? createDiagnosisCore({ ruleSet: core.ruleSet, catalogue: core.catalogue, quote: deps.quote })
        : core;
      const results: RuleTestResult[] = [];
      for (const t of plain.ruleSet.tests) {
        if (basename(t.file) !== edit.file) continue;
        const r = await runRuleTest(plain, t.file, t.test);
        results.push({ ...r, file: basename(r.file) });
      }
      return { problems: set.problems, results };
    },
    async diagnose(incident, edit) {
      const set = edit ? check(edit) : undefined;
      const core = set?.core ?? deps.rules.current();
      const { diagnosis, whyNot } = await core.whyNotEvery(incident);
      return { diagnosis, whyNot, edited: set?.core !== undefined, problems: set?.problems ?? [] };
    },
  };
}
