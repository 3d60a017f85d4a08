import { App, type Authorize, SocketModeReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ChatHandler } from '../../app/handle-chat-message.js';
import { type FeedbackDeps, recordFeedback } from '../../app/record-feedback.js';
import { CAUSES } from '../../core/model/causes.js';
import { parseCauseName } from '../../core/parse/parse-chat-message.js';
import { FEEDBACK_CONFIRM, FEEDBACK_REJECT } from '../../core/render/render-slack-blocks.js';
import { type RuleSummary, renderSlackHelp, renderSlackRules } from '../../core/render/render-slack-rules.js';
import type { SlackMessage } from '../../core/render/slack-blocks.js';
import type { RuleSet } from '../../core/rules/compile-rules.js';
import { ResetDoctorError } from '../../errors.js';
import { boltLogger } from './create-slack-web-client.js';
import { FastifySlackReceiver } from './fastify-receiver.js';
import { readSlackFiles } from './read-slack-files.js';

/**
 * The Bolt app: mentions, DMs and thread replies go to the chat use case, feedback buttons to the feedback
 * use case, `/reset-doctor` answers help, rules and diagnose. HTTP mode mounts on the bot's fastify server
 * (`plugin`); Socket Mode (an app-level token) connects out instead and needs no route.
 */

export const SLASH_COMMAND = '/reset-doctor';

/** What the app manifest (slack-app-manifest.yml) must grant and subscribe to; a test keeps them in step. */
export const BOT_SCOPES = [
  'app_mentions:read',
  'im:history',
  'channels:history',
  'groups:history',
  'chat:write',
  'channels:join',
  'commands',
  'files:read',
  'files:write',
] as const;
export const BOT_EVENTS = ['app_mention', 'message.im', 'message.channels', 'message.groups'] as const;

export interface SlackBotSettings {
  readonly botToken: string;
  readonly signingSecret?: string;
  readonly appToken?: string;
  readonly apiUrl: string;
  readonly maxFileBytes: number;
}

export interface SlackBotDeps {
  readonly settings: SlackBotSettings;
  readonly log: Logger;
  /** A client for auth.test (the bot's own user id, cached once it answered). */
  readonly client: WebClient;
  readonly chat: ChatHandler;
  readonly feedback: FeedbackDeps;
  /** The rules being served (asked per command: a rule reload shows at once). */
  readonly ruleSet: () => RuleSet;
  readonly now?: () => number;
}

export interface SlackBot {
  readonly app: App;
  /** HTTP mode: register on the bot's fastify server (`POST /slack/events`). Undefined in Socket Mode. */
  readonly plugin?: FastifyPluginAsync;
  readonly mode: 'http' | 'socket';
  start(): Promise<void>;
  stop(): Promise<void>;
}

const MessageEventSchema = z.looseObject({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().exactOptional(),
  user: z.string().exactOptional(),
  text: z.string().max(100_000).exactOptional(),
  bot_id: z.string().exactOptional(),
  subtype: z.string().exactOptional(),
  channel_type: z.string().exactOptional(),
  files: z.array(z.unknown()).max(20).exactOptional(),
});

const EventIdSchema = z.looseObject({ event_id: z.string().min(1) });

const RepliesSchema = z.looseObject({
  messages: z
    .array(
      z.looseObject({ text: z.string().max(100_000).exactOptional(), bot_id: z.string().exactOptional() }),
    )
    .exactOptional(),
});

const FeedbackValueSchema = z.object({
  i: z.string().min(1).max(128),
  c: z.enum(CAUSES),
  r: z.array(z.string().max(200)).max(100),
});

const ActionBodySchema = z.looseObject({
  user: z.looseObject({ id: z.string() }),
  container: z
    .looseObject({ channel_id: z.string().exactOptional(), message_ts: z.string().exactOptional() })
    .exactOptional(),
  channel: z.looseObject({ id: z.string() }).exactOptional(),
  message: z.looseObject({ ts: z.string() }).exactOptional(),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().exactOptional() })).min(1),
});

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, text: message.text, blocks: [...message.blocks] };
}

/**
 * Bolt's authorize: the bot token at once, with the bot's own ids once auth.test has answered. It never waits
 * for Slack's Web API, so an event is acknowledged in time even while the Web API is down.
 */
function botAuthorization(client: WebClient, botToken: string) {
  let known: { botUserId?: string; botId?: string; teamId?: string } | undefined;
  let pending: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    pending ??= client.auth
      .test({ token: botToken })
      .then((r) => {
        known = {
          ...(r.user_id ? { botUserId: r.user_id } : {}),
          ...(r.bot_id ? { botId: r.bot_id } : {}),
          ...(r.team_id ? { teamId: r.team_id } : {}),
        };
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  const authorize: Authorize<boolean> = async () => {
    if (!known) void refresh().catch(() => undefined);
    return { botToken, ...known };
  };
  return { authorize, refresh };
}

export function createSlackBot(deps: SlackBotDeps): SlackBot {
  const { settings, log, chat } = deps;
  const boltLog = log.child({ component: 'bolt' });
  const socket = settings.appToken !== undefined;
  let httpReceiver: FastifySlackReceiver | undefined;
  let receiver: FastifySlackReceiver | SocketModeReceiver;
  if (socket && settings.appToken) {
    receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger: boltLogger(boltLog),
      installerOptions: { clientOptions: { slackApiUrl: settings.apiUrl } },
    });
  } else {
    if (!settings.signingSecret)
      throw new ResetDoctorError('CONFIG_INVALID', 'SLACK_SIGNING_SECRET is required in HTTP mode');
    httpReceiver = new FastifySlackReceiver({
      signingSecret: settings.signingSecret,
      log: boltLog,
      ...(deps.now ? { now: deps.now } : {}),
    });
    receiver = httpReceiver;
  }

  const { authorize, refresh } = botAuthorization(deps.client, settings.botToken);
  const app = new App({
    receiver,
    authorize,
    logger: boltLogger(boltLog),
    clientOptions: { slackApiUrl: settings.apiUrl, retryConfig: { retries: 2 } },
    ignoreSelf: true,
  });

  const readFilesOf = (files: readonly unknown[] | undefined) =>
    files && files.length > 0
      ? () =>
          readSlackFiles(files, {
            botToken: settings.botToken,
            maxBytes: settings.maxFileBytes,
            apiUrl: settings.apiUrl,
          })
      : undefined;

  async function handleMessage(rawEvent: unknown, rawBody: unknown, questionsOnly: boolean): Promise<void> {
    const event = MessageEventSchema.safeParse(rawEvent);
    const body = EventIdSchema.safeParse(rawBody);
    if (!event.success || !body.success) {
      boltLog.warn('event without the fields a message needs: ignored');
      return;
    }
    const e = event.data;
    if (e.bot_id) return;
    const readFiles = readFilesOf(e.files);
    const threadTs = e.thread_ts;
    const readThreadStart =
      threadTs && threadTs !== e.ts && !questionsOnly
        ? async () => {
            const res = RepliesSchema.parse(
              await deps.client.conversations.replies({
                channel: e.channel,
                ts: threadTs,
                limit: 1,
                inclusive: true,
              }),
            );
            const first = res.messages?.[0];
            return first && !first.bot_id ? first.text : undefined;
          }
        : undefined;
    const outcome = await chat.handle({
      eventId: body.data.event_id,
      channel: e.channel,
      ts: e.ts,
      text: e.text ?? '',
      ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
      ...(e.user ? { user: e.user } : {}),
      ...(readFiles ? { readFiles } : {}),
      ...(readThreadStart ? { readThreadStart } : {}),
      ...(questionsOnly ? { questionsOnly } : {}),
    });
    boltLog.debug({ eventId: body.data.event_id, outcome }, 'message handled');
  }

  app.event('app_mention', async ({ event, body }) => {
    await handleMessage(event, body, false);
  });

  app.message(async ({ message, body }) => {
    const parsed = MessageEventSchema.safeParse(message);
    if (!parsed.success) return;
    const m = parsed.data;
    if (m.subtype !== undefined && m.subtype !== 'file_share') return;
    if (m.channel_type === 'im') {
      await handleMessage(message, body, false);
      return;
    }
    // In channels, mentions arrive as app_mention; a plain thread reply may ask "why not <cause>". A reply
    // that mentions anyone is left alone: the bot's own mention is handled as app_mention, others are not for it.
    const mentions = /<@[UW][A-Z0-9]+(?:\|[^<>]*)?>/.test(m.text ?? '');
    if (m.thread_ts && !mentions) await handleMessage(message, body, true);
  });

  const onFeedback = (verdict: 'confirmed' | 'rejected') =>
    (async ({ ack, body }) => {
      await ack();
      const parsed = ActionBodySchema.safeParse(body);
      if (!parsed.success) return;
      const b = parsed.data;
      const value = FeedbackValueSchema.safeParse(
        (() => {
          try {
            return JSON.parse(b.actions[0]?.value ?? '');
          } catch {
            return undefined;
          }
        })(),
      );
      const channel = b.container?.channel_id ?? b.channel?.id;
      const messageTs = b.container?.message_ts ?? b.message?.ts;
      if (!value.success || !channel || !messageTs) {
        boltLog.warn('feedback click without a readable value: ignored');
        return;
      }
      await recordFeedback(deps.feedback, {
        incidentId: value.data.i,
        cause: value.data.c,
        rules: value.data.r,
        user: b.user.id,
        verdict,
        channel,
        messageTs,
      });
    }) satisfies Parameters<typeof app.action>[1];

  app.action(FEEDBACK_CONFIRM, onFeedback('confirmed'));
  app.action(FEEDBACK_REJECT, onFeedback('rejected'));

  const summaries = new WeakMap<RuleSet, RuleSummary[]>();
  const rulesOf = (ruleSet: RuleSet): RuleSummary[] => {
    let rules = summaries.get(ruleSet);
    if (!rules) {
      rules = ruleSet.rules.map((r) => ({ id: r.def.id, cause: r.def.cause, weight: r.def.weight }));
      summaries.set(ruleSet, rules);
    }
    return rules;
  };

  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    const text = command.text.trim();
    const [verb = '', ...rest] = text.split(/\s+/);
    const arg = text.slice(verb.length).trim();
    switch (verb.toLowerCase()) {
      case 'rules': {
        const cause = rest.length > 0 ? parseCauseName(arg) : undefined;
        const votes = await deps.feedback.store.ruleVotes();
        const ruleSet = deps.ruleSet();
        await ack(ephemeral(renderSlackRules(rulesOf(ruleSet), votes, ruleSet.version, cause)));
        return;
      }
      case 'diagnose': {
        if (arg === '') {
          await ack(ephemeral(renderSlackHelp(command.command)));
          return;
        }
        await ack({ response_type: 'ephemeral', text: 'Diagnosing: the answer follows in this channel.' });
        await chat.handle({
          eventId: `command:${command.trigger_id}`,
          channel: command.channel_id,
          ts: command.trigger_id,
          user: command.user_id,
          text: arg,
          command: command.command,
          topLevel: true,
        });
        return;
      }
      default:
        await ack(ephemeral(renderSlackHelp(command.command)));
    }
  });

  app.error(async (error) => {
    boltLog.error({ err: error }, 'Slack listener failed');
  });

  return {
    app,
    mode: socket ? 'socket' : 'http',
    ...(httpReceiver ? { plugin: httpReceiver.plugin } : {}),
    async start() {
      // Learn the bot's own user id early; a failure here is retried on the first event.
      await refresh().catch((e: unknown) =>
        boltLog.warn({ err: e }, 'auth.test failed: will retry on the first event'),
      );
      if (socket) await app.start();
    },
    async stop() {
      if (socket) await app.stop();
    },
  };
}
