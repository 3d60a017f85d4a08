import type { Cause } from './causes.js';
import type { FactValue } from './facts.js';

export interface Evidence {
  /** true: supports the hypothesis; false: speaks against it. */
  readonly for: boolean;
  readonly text: string;
  /** Where it came from: `log:12`, `words`, `alert`, `metric:conntrack_usage_ratio`, `capture`, ... */
  readonly source: string;
  readonly rule: string;
  readonly weight: number;
  /** The log line the evidence rests on, when it came from the log. */
  readonly quote?: string;
}

export interface NextStep {
  readonly why: string;
  /** A shell command, every substituted value already shell-quoted. */
  readonly command: string;
  /** Shell variables the command still needs (values that were unknown). */
  readonly needs?: readonly string[];
}

export interface Hypothesis {
  readonly cause: Cause;
  readonly variant?: string;
  readonly title: string;
  readonly confidence: number;
  readonly evidence: readonly Evidence[];
  readonly missing: readonly string[];
  readonly nextSteps: readonly NextStep[];
  readonly rules: readonly string[];
}

export interface RuledOut {
  readonly cause: Cause;
  readonly why: string;
}

export interface Diagnosis {
  readonly incidentId: string;
  readonly hypotheses: readonly Hypothesis[];
  readonly ruledOut: readonly RuledOut[];
  /** Share of belief left for "something else" (1 - sum of confidences of every cause). */
  readonly unexplained: number;
  readonly facts: Readonly<Record<string, FactValue>>;
  readonly warnings: readonly string[];
  /** True when some data source (Prometheus) could not be used and the answer rests on less. */
  readonly degraded: boolean;
  /** Content hash of the rule files (and overrides), shown in every answer's footer. */
  readonly rulesVersion: string;
  /** Names of the per-service overrides (rules/overrides.json) that applied to this diagnosis. */
  readonly overrides?: readonly string[];
  /** Who reset: a hop named from grouped JSON logs or a capture, when the input told it. */
  readonly resetBy?: string;
}
