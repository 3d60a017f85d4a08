import type { Logger } from 'pino';
import type { AnswerArchive } from './answer-archive.js';
import type { ChatReplies } from './chat-replies.js';
import type { FeedbackStore, FeedbackVote } from './feedback-store.js';
import { renderAnswer } from './render-answer.js';

/**
 * A "this was it" / "not it" vote: stored with the rules behind the hypothesis, then the answer is redrawn
 * to show who confirmed or rejected what.
 */

export interface FeedbackDeps {
  readonly store: FeedbackStore;
  readonly archive: AnswerArchive;
  readonly replies: ChatReplies;
  readonly log: Logger;
}

export interface FeedbackClick extends FeedbackVote {
  /** The message that carries the buttons. */
  readonly channel: string;
  readonly messageTs: string;
}

export async function recordFeedback(deps: FeedbackDeps, click: FeedbackClick): Promise<void> {
  const { channel, messageTs, ...vote } = click;
  await deps.store.record(vote);
  deps.log.info(
    { incidentId: vote.incidentId, cause: vote.cause, verdict: vote.verdict, rules: vote.rules },
    'feedback recorded',
  );
  const archived = await deps.archive.byIncident(vote.incidentId);
  if (!archived) return;
  const feedback = await deps.store.forIncident(vote.incidentId);
  await deps.replies.update(channel, messageTs, renderAnswer(archived.request, archived.diagnosis, feedback));
}
