/**
 * The few Block Kit shapes the Slack answers use, declared here so the core stays free of Slack packages.
 * They are structurally compatible with `@slack/types` (`KnownBlock`), which the Slack adapter checks.
 * Type aliases (not interfaces), so they also fit index-signature types such as the outbox's wire format.
 */

export type PlainText = {
  readonly type: 'plain_text';
  readonly text: string;
  readonly emoji?: boolean;
};

export type Mrkdwn = {
  readonly type: 'mrkdwn';
  readonly text: string;
  /** true: Slack does not turn bare URLs, channel names or `@here`-like words into links or mentions. */
  readonly verbatim?: boolean;
};

export type TextObject = PlainText | Mrkdwn;

export type HeaderBlock = {
  readonly type: 'header';
  readonly block_id?: string;
  readonly text: PlainText;
};

export type SectionBlock = {
  readonly type: 'section';
  readonly block_id?: string;
  readonly text: Mrkdwn;
};

export type ContextBlock = {
  readonly type: 'context';
  readonly block_id?: string;
  readonly elements: readonly TextObject[];
};

export type DividerBlock = {
  readonly type: 'divider';
  readonly block_id?: string;
};

export type ButtonElement = {
  readonly type: 'button';
  readonly action_id: string;
  readonly text: PlainText;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
};

export type ActionsBlock = {
  readonly type: 'actions';
  readonly block_id?: string;
  readonly elements: readonly ButtonElement[];
};

export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock | ActionsBlock;

/** One Slack message: the notification text and the blocks shown. */
export type SlackMessage = {
  readonly text: string;
  readonly blocks: readonly Block[];
};

/** Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  contextText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** Notification text: Slack accepts more, but keeps it readable. */
  fallbackText: 3000,
} as const;
