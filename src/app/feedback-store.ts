import type { Cause } from '../core/model/causes.js';
import type { CauseFeedback } from '../core/render/render-slack-blocks.js';
import type { RuleVotes } from '../core/render/render-slack-rules.js';

/**
 * Port: people's verdicts on hypotheses ("this was it" / "not it"), kept with the rules that produced the
 * hypothesis so rule authors can see which rules earn their weight. One vote per person per cause and
 * incident: a later vote replaces the earlier one.
 */

export type Verdict = 'confirmed' | 'rejected';

export interface FeedbackVote {
  readonly incidentId: string;
  readonly cause: Cause;
  readonly rules: readonly string[];
  readonly user: string;
  readonly verdict: Verdict;
}

export interface FeedbackStore {
  record(vote: FeedbackVote): Promise<void>;
  forIncident(incidentId: string): Promise<Partial<Record<Cause, CauseFeedback>>>;
  ruleVotes(): Promise<ReadonlyMap<string, RuleVotes>>;
}
