import type { SlackMessage } from '../core/render/slack-blocks.js';

/** Port: short replies in a conversation (help, "why not", votes), outside the answer flow. */
export interface ChatReplies {
  /** Posts a message (in a thread when `threadTs` is given); resolves to its ts when posted at once. */
  post(channel: string, message: SlackMessage, threadTs?: string): Promise<string | undefined>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
}
