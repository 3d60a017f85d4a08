import { z } from 'zod';
import { CAUSES } from '../core/model/causes.js';
import type { Diagnosis } from '../core/model/diagnosis.js';

/**
 * A diagnosis read back from storage (an archive, an outbox, a job result) is validated like any other
 * outside input.
 */

const FactValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.array(z.number()),
  z.null(),
]);

export const DiagnosisSchema = z.object({
  incidentId: z.string(),
  hypotheses: z.array(
    z.object({
      cause: z.enum(CAUSES),
      variant: z.string().exactOptional(),
      title: z.string(),
      confidence: z.number(),
      evidence: z.array(
        z.object({
          for: z.boolean(),
          text: z.string(),
          source: z.string(),
          rule: z.string(),
          weight: z.number(),
          quote: z.string().exactOptional(),
        }),
      ),
      missing: z.array(z.string()),
      nextSteps: z.array(
        z.object({ why: z.string(), command: z.string(), needs: z.array(z.string()).exactOptional() }),
      ),
      rules: z.array(z.string()),
    }),
  ),
  ruledOut: z.array(z.object({ cause: z.enum(CAUSES), why: z.string() })),
  unexplained: z.number(),
  facts: z.record(z.string(), FactValueSchema),
  warnings: z.array(z.string()),
  degraded: z.boolean(),
  rulesVersion: z.string(),
  resetBy: z.string().exactOptional(),
});

// The schema must describe the core's type: this fails to compile when they drift apart.
export const checkDiagnosisSchema = (d: z.infer<typeof DiagnosisSchema>): Diagnosis => d;
