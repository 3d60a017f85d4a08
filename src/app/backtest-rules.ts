import type { Cause } from '../core/model/causes.js';
import type { Diagnosis } from '../core/model/diagnosis.js';
import type { Incident } from '../core/model/incident.js';
import type { DiagnosisHistory, IncidentLabel, ListHistoryOptions } from './diagnosis-history.js';

/**
 * Backtest: re-diagnose past incidents with two rule sets and report what a rule change does before it is
 * merged: which incidents get a different top answer, and accuracy before and after where labels exist.
 */

/** One rule set able to diagnose (a DiagnosisCore fits). */
export interface Diagnoser {
  readonly version: string;
  diagnose(incident: Incident): Promise<Diagnosis>;
}

export interface TopAnswer {
  readonly cause: Cause;
  readonly confidence: number;
}

export type ChangeVerdict =
  /** The candidate's top answer is right where the baseline's was not. */
  | 'gained'
  /** The baseline's top answer was right and the candidate's is not. */
  | 'lost'
  /** Different, and neither (or both, or no label) right. */
  | 'changed';

export interface BacktestChange {
  readonly id: string;
  readonly before: TopAnswer | null;
  readonly after: TopAnswer | null;
  readonly label?: IncidentLabel;
  readonly verdict: ChangeVerdict;
}

export interface Accuracy {
  readonly top1: number;
  readonly top3: number;
}

export interface BacktestReport {
  readonly history: string;
  readonly baseline: string;
  readonly candidate: string;
  readonly incidents: number;
  readonly labelled: number;
  /** Incidents whose top answer changed, in history order. */
  readonly changes: readonly BacktestChange[];
  /** Counts of right answers among the labelled incidents. */
  readonly before: Accuracy;
  readonly after: Accuracy;
  readonly gained: number;
  readonly lost: number;
  /** Incidents that could not be diagnosed by one of the sets. */
  readonly errors: readonly { readonly id: string; readonly error: string }[];
}

function top(d: Diagnosis): TopAnswer | null {
  const h = d.hypotheses[0];
  return h ? { cause: h.cause, confidence: h.confidence } : null;
}

function isRight(d: Diagnosis, label: IncidentLabel | undefined, within: number): boolean {
  if (!label) return false;
  return d.hypotheses
    .slice(0, within)
    .some((h) => h.cause === label.primary || (label.secondary !== undefined && h.cause === label.secondary));
}

export async function backtestRules(
  history: DiagnosisHistory,
  baseline: Diagnoser,
  candidate: Diagnoser,
  options: ListHistoryOptions = {},
): Promise<BacktestReport> {
  const changes: BacktestChange[] = [];
  const errors: { id: string; error: string }[] = [];
  let incidents = 0;
  let labelled = 0;
  const before = { top1: 0, top3: 0 };
  const after = { top1: 0, top3: 0 };
  for await (const past of history.list(options)) {
    incidents++;
    let a: Diagnosis;
    let b: Diagnosis;
    try {
      a = await baseline.diagnose(past.incident);
      b = await candidate.diagnose(past.incident);
    } catch (e) {
      errors.push({ id: past.id, error: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (past.label) {
      labelled++;
      before.top1 += isRight(a, past.label, 1) ? 1 : 0;
      before.top3 += isRight(a, past.label, 3) ? 1 : 0;
      after.top1 += isRight(b, past.label, 1) ? 1 : 0;
      after.top3 += isRight(b, past.label, 3) ? 1 : 0;
    }
    const x = top(a);
    const y = top(b);
    if (x?.cause === y?.cause) continue;
    const wasRight = isRight(a, past.label, 1);
    const isNowRight = isRight(b, past.label, 1);
    changes.push({
      id: past.id,
      before: x,
      after: y,
      ...(past.label ? { label: past.label } : {}),
      verdict: isNowRight && !wasRight ? 'gained' : wasRight && !isNowRight ? 'lost' : 'changed',
    });
  }
  return {
    history: history.name,
    baseline: baseline.version,
    candidate: candidate.version,
    incidents,
    labelled,
    changes,
    before,
    after,
    gained: changes.filter((c) => c.verdict === 'gained').length,
    lost: changes.filter((c) => c.verdict === 'lost').length,
    errors,
  };
}
