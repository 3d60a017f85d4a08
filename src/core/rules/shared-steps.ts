import { isStepReference, type NextStepTemplate, type SourceNextStep } from './rule-schema.js';
import { suggest } from './suggest-name.js';

/**
 * Shared next steps: a rule file's `steps` names a command once, and any rule of any file lists it as
 * `{"step": "name"}` in its `nextSteps`. Like shared conditions, rules are compiled with every reference
 * written out in place, so ranking and rendering see plain steps, and one edit changes every rule that
 * names the step.
 */

export interface SharedStep {
  readonly name: string;
  readonly file: string;
  readonly step: NextStepTemplate;
}

export interface StepProblem {
  /** Where the problem is, from the rule: `["nextSteps", 2, "step"]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface ResolvedSteps {
  readonly steps: NextStepTemplate[];
  /** The shared steps named, in order. */
  readonly named: readonly string[];
  /** Paths from the rule: `["nextSteps", k, "step"]`. */
  readonly problems: readonly StepProblem[];
}

/** A rule's next steps with every shared step written out; an unknown name is a problem and is left out. */
export function resolveSteps(
  steps: readonly SourceNextStep[],
  shared: ReadonlyMap<string, SharedStep>,
): ResolvedSteps {
  const out: NextStepTemplate[] = [];
  const named: string[] = [];
  const problems: StepProblem[] = [];
  steps.forEach((s, k) => {
    if (!isStepReference(s)) {
      out.push(s);
      return;
    }
    const def = shared.get(s.step);
    if (!def) {
      problems.push({
        path: ['nextSteps', k, 'step'],
        message: `no shared step is named "${s.step}"${suggest(s.step, shared.keys())}`,
      });
      return;
    }
    named.push(s.step);
    out.push(def.step);
  });
  return { steps: out, named, problems };
}
