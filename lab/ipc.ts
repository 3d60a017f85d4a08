import { z } from 'zod';

/** Messages between the lab launcher and its service processes (validated on arrival, both ways). */

export const ToServiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scrape'), id: z.number().int(), service: z.string().max(64) }),
  z.object({ type: z.literal('shutdown') }),
]);
export type ToService = z.infer<typeof ToServiceSchema>;

export const FromServiceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    service: z.string().max(64),
    port: z.number().int().min(1).max(65535).optional(),
  }),
  z.object({
    type: z.literal('metrics'),
    id: z.number().int(),
    text: z
      .string()
      .max(16 * 1024 * 1024)
      .optional(),
    error: z.string().max(4096).optional(),
  }),
]);
export type FromService = z.infer<typeof FromServiceSchema>;
