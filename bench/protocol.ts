import { z } from 'zod';

/** Messages between the harness and its child processes (an IPC channel), validated on both ends. */

export const CHILD_ROLES = ['floor', 'worker', 'intake'] as const;
export type ChildRole = (typeof CHILD_ROLES)[number];

export const RequestSchema = z.object({
  id: z.number().int(),
  type: z.enum(['stats', 'take', 'stop']),
});
export type ChildRequest = z.infer<typeof RequestSchema>;

export const StatsSchema = z.object({
  /** Jobs the worker finished (floor and worker). */
  completed: z.number().int(),
  /** Answers delivered to the notifier (worker). */
  deliveries: z.number().int(),
  /** Updates of answers already delivered (worker). */
  updates: z.number().int(),
  /** Follow-ups (`sync` jobs) among the completed jobs (worker). */
  followUps: z.number().int(),
  /** Changes of answers left to a follow-up instead of being shown at once (worker). */
  deferred: z.number().int(),
  /** CPU time the process has used so far (user + system), milliseconds. */
  cpuMs: z.number(),
});
export type ChildStats = z.infer<typeof StatsSchema>;

export const ReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), address: z.string().optional() }),
  z.object({ type: z.literal('stats'), id: z.number().int(), stats: StatsSchema }),
  /** When each job was taken (floor: by job id) or answered (worker: by incident id), epoch ms; cleared. */
  z.object({
    type: z.literal('taken'),
    id: z.number().int(),
    times: z.array(z.tuple([z.string(), z.number()])),
  }),
  z.object({ type: z.literal('stopped'), id: z.number().int() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ChildReply = z.infer<typeof ReplySchema>;
