import { CAUSES, type Cause } from '../core/model/causes.js';
import type { CauseFeedback } from '../core/render/render-slack-blocks.js';
import type { DiagnosisHistory, IncidentLabel, PastIncident } from './diagnosis-history.js';
import type { DiagnosisStore } from './diagnosis-store.js';
import type { FeedbackStore } from './feedback-store.js';

/**
 * What the bot has actually diagnosed, as a history to backtest rule changes against: the incidents kept
 * with their diagnoses in the store (newest first, for as long as DIAGNOSIS_TTL_S keeps them), labelled
 * with the cause people confirmed ("This was it") where they voted.
 */

export interface StoredHistoryDeps {
  readonly store: Pick<DiagnosisStore, 'recent' | 'get'>;
  readonly feedback?: Pick<FeedbackStore, 'forIncident'>;
  /** For reports, e.g. `redis://redis:6379 {reset-doctor}`. */
  readonly name: string;
}

/** Most incidents read when no limit is given. */
const MAX_INCIDENTS = 100_000;

/** The cause people confirmed most (net of rejections), and a runner-up when there is one. */
export function labelOfVotes(votes: Partial<Record<Cause, CauseFeedback>>): IncidentLabel | undefined {
  const ranked = CAUSES.map((cause) => {
    const v = votes[cause];
    return { cause, net: (v?.confirmedBy.length ?? 0) - (v?.rejectedBy.length ?? 0) };
  })
    .filter((x) => x.net > 0)
    .sort((a, b) => b.net - a.net);
  const [first, second] = ranked;
  return first ? { primary: first.cause, secondary: second?.cause ?? null } : undefined;
}

export function createStoredDiagnosisHistory(deps: StoredHistoryDeps): DiagnosisHistory {
  return {
    name: deps.name,
    async *list(options = {}) {
      const since = options.since === undefined ? undefined : Date.parse(options.since);
      const limit = options.limit ?? MAX_INCIDENTS;
      // Some ids have expired or hold no incident (older records): read ahead of the limit.
      const ids = await deps.store.recent(Math.min(MAX_INCIDENTS, limit * 4));
      let yielded = 0;
      for (const id of ids) {
        if (yielded >= limit) return;
        const record = await deps.store.get(id);
        if (!record?.incident || !record.diagnosis) continue;
        // Newest first: everything after the first one too old is older still.
        if (since !== undefined && record.createdAt < since) return;
        const label = deps.feedback ? labelOfVotes(await deps.feedback.forIncident(id)) : undefined;
        const past: PastIncident = {
          id,
          incident: record.incident,
          at: new Date(record.createdAt).toISOString(),
          ...(label === undefined ? {} : { label }),
        };
        yielded++;
        yield past;
      }
    },
  };
}
