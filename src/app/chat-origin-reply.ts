import { type ChatOrigin, ChatOriginSchema } from './diagnosis-requests.js';

/**
 * A chat origin (channel, thread, "diagnosing…" message, event id, notes) as the flat string map a queued
 * job carries in `origin.reply`, and back. Read back from Redis, it is validated again.
 */

const MAX_NOTES = 10;

export function replyOfChatOrigin(origin: ChatOrigin): Record<string, string> {
  const reply: Record<string, string> = { kind: 'chat', channel: origin.channel, eventId: origin.eventId };
  if (origin.threadTs !== undefined) reply.threadTs = origin.threadTs;
  if (origin.statusTs !== undefined) reply.statusTs = origin.statusTs;
  if (origin.user !== undefined) reply.user = origin.user;
  (origin.notes ?? []).slice(0, MAX_NOTES).forEach((note, i) => {
    reply[`note${i}`] = note;
  });
  return reply;
}

/** The chat origin a reply map describes; undefined when it is not one (an alert, a CLI submission). */
export function chatOriginOfReply(
  reply: Readonly<Record<string, string>> | undefined,
): ChatOrigin | undefined {
  if (reply?.kind !== 'chat') return undefined;
  const notes: string[] = [];
  for (let i = 0; i < MAX_NOTES; i++) {
    const note = reply[`note${i}`];
    if (note !== undefined) notes.push(note);
  }
  const parsed = ChatOriginSchema.safeParse({
    kind: 'chat',
    channel: reply.channel,
    eventId: reply.eventId,
    ...(reply.threadTs === undefined ? {} : { threadTs: reply.threadTs }),
    ...(reply.statusTs === undefined ? {} : { statusTs: reply.statusTs }),
    ...(reply.user === undefined ? {} : { user: reply.user }),
    ...(notes.length > 0 ? { notes } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}
