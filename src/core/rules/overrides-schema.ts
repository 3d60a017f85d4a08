import { z } from 'zod';
import { RuleTestSchema } from './rule-schema.js';

/**
 * Per-service overrides (rules/overrides.json): thresholds, weights and switched-off rules for the diagnoses
 * whose subject matches. The one validation source for the file; schema/overrides.schema.json is generated
 * from it (`npm run schema`).
 */

/** Subject fields an override can match on (the values next-step commands are filled with). */
export const OVERRIDE_MATCH_KEYS = [
  'service',
  'peer',
  'namespace',
  'pod',
  'container',
  'node',
  'host',
] as const;
export type OverrideMatchKey = (typeof OVERRIDE_MATCH_KEYS)[number];

const Glob = z
  .string()
  .min(1)
  .max(253)
  .meta({ description: 'A name, or a glob where * matches any run of characters and ? one character.' });

const Globs = z.union([Glob, z.array(Glob).min(1).max(100)]);

const RuleIdRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/, 'a rule id such as "keepalive.node-behind-lb"');

const RuleIdPattern = z
  .string()
  .regex(/^[a-z0-9*][a-z0-9*?.-]{0,127}$/, 'a rule id, or a glob over rule ids such as "keepalive.*"');

const FactNameRef = z.string().min(1).max(128);

export const ThresholdValueSchema = z.union([z.number(), z.tuple([z.number(), z.number()])]).meta({
  description:
    'The new value: a number replaces the value of greaterThan/lessThan/equal/withinPercentOf/increasedBy conditions on the fact, [low, high] replaces a `between` range.',
});

export const OverrideMatchSchema = z
  .object({
    service: Globs.optional(),
    peer: Globs.optional(),
    namespace: Globs.optional(),
    pod: Globs.optional(),
    container: Globs.optional(),
    node: Globs.optional(),
    host: Globs.optional(),
  } satisfies Record<OverrideMatchKey, unknown>)
  .strict()
  .meta({
    description:
      'Which diagnoses the override applies to: every field given must match the subject (a list matches when any entry does). An empty match applies everywhere.',
  });

export const OverrideSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a short lower-case name such as "legacy-node"')
      .meta({ description: 'Shown in the answer footer when the override applied.' }),
    description: z.string().max(1000).optional(),
    match: OverrideMatchSchema.default({}),
    weights: z
      .record(RuleIdRef, z.number().min(-8).max(8))
      .default({})
      .meta({ description: 'Rule id → the weight to use instead; 0 switches the rule off.' }),
    disable: z
      .array(RuleIdPattern)
      .max(500)
      .default([])
      .meta({ description: 'Rule ids (or globs such as "keepalive.*") switched off for this subject.' }),
    thresholds: z.record(RuleIdRef, z.record(FactNameRef, ThresholdValueSchema)).default({}).meta({
      description:
        'Rule id → fact → new threshold for that rule\'s conditions on the fact, e.g. {"overload.cpu-saturated": {"cpu_usage_ratio": 0.95}}.',
    }),
  })
  .strict();

export const OverridesFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().max(2000).optional(),
    overrides: z.array(OverrideSchema).max(200),
    /** Cases run with the overrides applied (their incidents name a service, namespace, ...). */
    tests: z.array(RuleTestSchema).default([]),
  })
  .strict();

export type Override = z.infer<typeof OverrideSchema>;
export type OverridesFile = z.infer<typeof OverridesFileSchema>;
export type ThresholdValue = z.infer<typeof ThresholdValueSchema>;
