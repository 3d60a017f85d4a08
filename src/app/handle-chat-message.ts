import type { Logger } from 'pino';
import type { DiagnosisCore } from '../core/diagnose.js';
import { fetchedOfFacts } from '../core/facts/fetched-of-facts.js';
import { sha256Hex } from '../core/model/canonical-json.js';
import { CAUSES } from '../core/model/causes.js';
import { IncidentSchema } from '../core/model/incident.js';
import { type ChatIncidentParts, parseChatMessage } from '../core/parse/parse-chat-message.js';
import { renderSlackNote } from '../core/render/render-slack-blocks.js';
import { renderSlackExplain } from '../core/render/render-slack-explain.js';
import { renderSlackHelp } from '../core/render/render-slack-rules.js';
import { codeSpan } from '../core/render/slack-text.js';
import { errorMessage } from '../errors.js';
import type { AnswerArchive } from './answer-archive.js';
import type { ChatReplies } from './chat-replies.js';
import type {
  AnswerNotifier,
  ChatOrigin,
  DiagnosisRequest,
  DiagnosisRequests,
} from './diagnosis-requests.js';
import type { EventDedupe } from './event-dedupe.js';

/**
 * A message addressed to the bot (a mention, a DM, a slash command, a thread reply): understood, deduplicated
 * on Slack's event id, acknowledged at once in its thread ("diagnosing…, incident id") and handed to the
 * pipeline, or answered directly when it asks "why not <cause>?" or for help.
 */

export interface AttachedText {
  readonly name: string;
  readonly text: string;
}

export type ReadFiles = () => Promise<{
  readonly texts: readonly AttachedText[];
  readonly notes: readonly string[];
}>;

export interface ChatMessage {
  /** Slack's event id (or a slash command's trigger id). */
  readonly eventId: string;
  readonly channel: string;
  readonly ts: string;
  /** The thread the message was posted in, if any. */
  readonly threadTs?: string;
  readonly user?: string;
  readonly text: string;
  readonly readFiles?: ReadFiles;
  /** For a message in a thread: the text of the thread's first message (where the log often is). */
  readonly readThreadStart?: () => Promise<string | undefined>;
  /** A thread reply not addressed to the bot: only "why not <cause>" is answered, the rest is ignored. */
  readonly questionsOnly?: boolean;
  /** Name of the slash command, for help texts. */
  readonly command?: string;
  /** The answer starts its own thread (slash commands: there is no message to reply to). */
  readonly topLevel?: boolean;
}

export type ChatOutcome = 'duplicate' | 'ignored' | 'submitted' | 'explained' | 'help' | 'empty' | 'invalid';

export interface ChatHandlerDeps {
  readonly dedupe: EventDedupe;
  readonly notifier: AnswerNotifier;
  readonly requests: DiagnosisRequests;
  readonly replies: ChatReplies;
  readonly archive: AnswerArchive;
  readonly core: Pick<DiagnosisCore, 'explain' | 'unitOf'>;
  readonly now: () => Date;
  readonly log: Logger;
}

/** Incident ids for chat requests: stable for one message, distinct for two messages with the same text. */
export function chatIncidentId(channel: string, ts: string): string {
  return `inc-${sha256Hex(`slack:${channel}:${ts}`).slice(0, 12)}`;
}

const EMPTY_HINT =
  'Nothing to diagnose in that message. Paste the error lines in a code block (or attach a text file) and add a few words, e.g. `service=orders peer=payments behind an ALB, fails after idle`.';

export function createChatHandler(deps: ChatHandlerDeps) {
  const { replies, log } = deps;

  async function explain(
    msg: ChatMessage,
    thread: string | undefined,
    asked: string,
    cause: (typeof CAUSES)[number] | undefined,
  ) {
    const archived = thread ? await deps.archive.byThread(msg.channel, thread) : undefined;
    if (!archived) {
      // A "why not" in someone else's thread is not addressed to the bot.
      if (msg.questionsOnly) return 'ignored' as const;
      await replies.post(
        msg.channel,
        renderSlackNote('I have no answer in this thread to explain. Mention me with a log snippet first.'),
        thread,
      );
      return 'explained' as const;
    }
    if (!cause) {
      await replies.post(
        msg.channel,
        renderSlackNote(
          `I do not know a cause called ${codeSpan(asked) || 'that'}. Ask about one of:`,
          CAUSES.join(', '),
        ),
        thread,
      );
      return 'explained' as const;
    }
    // With the readings the answer was made with, so the reasoning shown matches the answer.
    const explanations = await deps.core.explain(
      archived.request.incident,
      cause,
      fetchedOfFacts(archived.diagnosis.facts, archived.diagnosis.degraded),
    );
    await replies.post(
      msg.channel,
      renderSlackExplain({
        cause,
        explanations,
        unitOf: deps.core.unitOf,
        diagnosis: archived.diagnosis,
        incidentId: archived.request.incidentId,
      }),
      thread,
    );
    return 'explained' as const;
  }

  /** Asked in a thread without a log of its own: the log is taken from the thread's first message. */
  async function withThreadStart(
    msg: ChatMessage,
    own: ChatIncidentParts,
    notes: string[],
  ): Promise<ChatIncidentParts> {
    if (!msg.readThreadStart) return own;
    let text: string | undefined;
    try {
      text = await msg.readThreadStart();
    } catch (e) {
      log.warn({ err: e, channel: msg.channel }, 'could not read the thread start');
      return own;
    }
    const parent = text === undefined ? undefined : parseChatMessage(text);
    if (parent?.kind !== 'diagnose' || parent.parts.log === undefined) return own;
    notes.push('the log was taken from the first message of this thread');
    const context = [parent.parts.context, own.context].filter((c): c is string => !!c).join('\n');
    return { ...parent.parts, ...own, log: parent.parts.log, ...(context ? { context } : {}) };
  }

  async function diagnose(
    msg: ChatMessage,
    thread: string | undefined,
    ownParts: ChatIncidentParts,
    parsedNotes: readonly string[],
  ) {
    const notes = [...parsedNotes];
    const parts = ownParts.log === undefined ? await withThreadStart(msg, ownParts, notes) : ownParts;
    let logText = parts.log;
    if (msg.readFiles) {
      const files = await msg.readFiles();
      notes.push(...files.notes);
      const texts = files.texts.map((f) => f.text).filter((t) => t.trim() !== '');
      if (texts.length > 0)
        logText = [logText, ...texts].filter((t): t is string => t !== undefined).join('\n');
    }
    const candidate = { ...parts, ...(logText === undefined ? {} : { log: logText }) };
    const parsed = IncidentSchema.safeParse(candidate);
    if (!parsed.success) {
      const problem = parsed.error.issues[0]?.message ?? 'not understood';
      await replies.post(
        msg.channel,
        renderSlackNote(
          problem.includes('at least one')
            ? EMPTY_HINT
            : `That message could not be read as an incident: ${codeSpan(problem)}`,
        ),
        thread,
      );
      return problem.includes('at least one') ? 'empty' : 'invalid';
    }
    const incidentId = chatIncidentId(msg.channel, msg.ts);
    const jobLog = log.child({ incidentId });
    const origin: ChatOrigin = {
      kind: 'chat',
      channel: msg.channel,
      ...(thread ? { threadTs: thread } : {}),
      eventId: msg.eventId,
      ...(msg.user ? { user: msg.user } : {}),
      ...(notes.length > 0 ? { notes: notes.slice(0, 10).map((n) => n.slice(0, 500)) } : {}),
    };
    const acknowledged = await deps.notifier.acknowledge(origin, incidentId);
    const request: DiagnosisRequest = {
      incidentId,
      incident: parsed.data,
      origin: acknowledged,
      receivedAt: deps.now().toISOString(),
    };
    try {
      await deps.requests.submit(request);
      jobLog.info({ channel: msg.channel, eventId: msg.eventId }, 'chat request submitted');
    } catch (e) {
      jobLog.error({ err: e }, 'could not submit the chat request');
      await deps.notifier.fail(
        request,
        `the request could not be queued (${errorMessage(e)}); please try again`,
      );
    }
    return 'submitted' as const;
  }

  return {
    async handle(msg: ChatMessage): Promise<ChatOutcome> {
      const command = parseChatMessage(msg.text);
      if (msg.questionsOnly && command.kind !== 'why-not') return 'ignored';
      if (!(await deps.dedupe.claim(msg.eventId))) {
        log.info({ eventId: msg.eventId }, 'duplicate delivery ignored');
        return 'duplicate';
      }
      const thread = msg.threadTs ?? (msg.topLevel ? undefined : msg.ts);
      switch (command.kind) {
        case 'help':
          await replies.post(msg.channel, renderSlackHelp(msg.command ?? '/reset-doctor'), thread);
          return 'help';
        case 'why-not':
          return explain(msg, thread, command.asked, command.cause);
        case 'empty':
          if (msg.readFiles || msg.readThreadStart) return diagnose(msg, thread, {}, []);
          await replies.post(msg.channel, renderSlackNote(EMPTY_HINT), thread);
          return 'empty';
        case 'diagnose':
          return diagnose(msg, thread, command.parts, command.notes);
      }
    },
  };
}

export type ChatHandler = ReturnType<typeof createChatHandler>;
