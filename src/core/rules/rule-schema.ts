import { z } from 'zod';
import { CAUSES } from '../model/causes.js';
import { IncidentSchema } from '../model/incident.js';

/**
 * The one validation source for rule files. The JSON Schema in schema/rules.schema.json is generated from
 * it (`npm run schema`), and CI fails when the two drift.
 */

export const OPERATORS = [
  // json-rules-engine built-ins (notEqual, notIn, doesNotContain are strict here: a missing fact never passes)
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  // ours
  'containsAny',
  'containsAll',
  'containsNone',
  'between',
  'withinPercentOf',
  'increasedBy',
  'matches',
] as const;

export type OperatorName = (typeof OPERATORS)[number];

/** A fact name (see docs/rules.md for the catalogue; `rules lint` checks it exists). */
export const FactNameSchema = z.string().min(1).max(128).meta({
  description:
    'A fact: a built-in fact (log.*, words.*, config.*, ...), a metric of the catalogue, or state.<metric>.',
});

const FactRef = z
  .object({ fact: FactNameSchema, path: z.string().max(256).optional() })
  .strict()
  .meta({ description: 'Compare with the value of another fact.' });

const Scalar = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const ConditionValueSchema = z.union([
  Scalar,
  z.array(z.union([z.string().max(1000), z.number()])).max(200),
  FactRef,
  z
    .object({ pattern: z.string().min(1).max(500), flags: z.enum(['', 'i']).optional() })
    .strict()
    .meta({
      description:
        'A regular expression for `matches` (checked linear-time by `rules lint`); flags "i" ignores case.',
    }),
]);

export interface LeafCondition {
  fact: string;
  operator: OperatorName;
  value: z.infer<typeof ConditionValueSchema>;
  path?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** json-rules-engine's condition reference: a shared condition, by name, where a condition may stand. */
export interface ConditionReference {
  condition: string;
}

/** A condition as written in a rule file: it may name a shared condition anywhere below the top level. */
export type SourceCondition =
  | LeafCondition
  | ConditionReference
  | { all: SourceCondition[] }
  | { any: SourceCondition[] }
  | { not: SourceCondition };

export type SourceTopLevelCondition =
  | { all: SourceCondition[] }
  | { any: SourceCondition[] }
  | { not: SourceCondition };

export const LeafConditionSchema = z
  .object({
    fact: FactNameSchema,
    operator: z
      .enum(OPERATORS)
      .meta({ description: 'How the fact is compared with the value (docs/rules.md#operators).' }),
    value: ConditionValueSchema,
    path: z.string().max(256).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .meta({ description: 'One test of one fact. A missing fact never passes.' });

export const SHARED_CONDITION_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The name of a shared condition or step, as a key or as a reference. */
const sharedName = (example: string) =>
  z.string().regex(SHARED_CONDITION_NAME, `lower-case name such as "${example}"`);

export const ConditionReferenceSchema = z
  .object({
    condition: sharedName('failure-seen').meta({
      description: "The name of a shared condition (a rule file's `conditions`).",
    }),
  })
  .strict()
  .meta({ description: "Stands for a shared condition, as json-rules-engine's condition references do." });

export const ConditionSchema: z.ZodType<SourceCondition> = z
  .lazy(() =>
    z.union([
      LeafConditionSchema,
      ConditionReferenceSchema,
      z.object({ all: z.array(ConditionSchema).min(1).max(50) }).strict(),
      z.object({ any: z.array(ConditionSchema).min(1).max(50) }).strict(),
      z.object({ not: ConditionSchema }).strict(),
    ]),
  )
  .meta({ id: 'condition' });

export const TopLevelConditionSchema: z.ZodType<SourceTopLevelCondition> = z.union([
  z.object({ all: z.array(ConditionSchema).min(1).max(50) }).strict(),
  z.object({ any: z.array(ConditionSchema).min(1).max(50) }).strict(),
  z.object({ not: ConditionSchema }).strict(),
]);

export const NextStepTemplateSchema = z
  .object({
    why: z.string().min(1).max(300),
    /** Shell command; {{service}} {{peer}} {{namespace}} {{pod}} {{container}} {{node}} {{host}} {{port}} {{instance}} are filled in, shell-quoted. */
    command: z.string().min(1).max(1000).meta({
      description:
        'A shell command. {{service}} {{peer}} {{namespace}} {{pod}} {{container}} {{node}} {{host}} {{port}} {{instance}} are filled in shell-quoted: keep them outside quotes.',
    }),
  })
  .strict();

export const StepReferenceSchema = z
  .object({
    step: sharedName('catch-fin-rst-race').meta({
      description: "The name of a shared next step (a rule file's `steps`).",
    }),
  })
  .strict()
  .meta({ description: 'Stands for a shared next step, written once and used by many rules.' });

export const WeightSchema = z
  .number()
  .min(-8)
  .max(8)
  .refine((w) => w !== 0, 'a weight of 0 says nothing')
  .meta({
    description:
      'Log-odds this evidence adds: positive supports the cause, negative speaks against it (1 weak, 3 strong, 5 near proof).',
  });

export const RuleSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/,
        'dotted lower-case id such as "keepalive.node-behind-lb"',
      )
      .meta({ description: 'Stable, unique id such as "keepalive.node-behind-lb"; shown in every answer.' }),
    cause: z.enum(CAUSES).meta({ description: 'The cause this rule is evidence for (or against).' }),
    variant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional(),
    /** Headline when this rule is the strongest for its cause; may quote facts as {{fact.name}}. */
    title: z.string().min(1).max(200).optional(),
    /** Log-odds this evidence adds: positive supports the cause, negative speaks against it. */
    weight: WeightSchema,
    /** Rules of one cause in the same group are correlated evidence: only the strongest counts. */
    group: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
      .optional(),
    description: z.string().max(1000).optional(),
    conditions: TopLevelConditionSchema,
    /** What the evidence says, quoting fact values as {{fact.name}} and the matched tags as {{matched}}. */
    evidence: z.string().min(1).max(300).meta({
      description:
        'What the evidence says; quotes facts as {{fact.name}} and the matched tags or line as {{matched}}.',
    }),
    nextSteps: z
      .array(z.union([NextStepTemplateSchema, StepReferenceSchema]))
      .max(8)
      .default([])
      .meta({
        description:
          'What to run next, in order: a step written here, or {"step": "name"} for a shared step (a rule file\'s `steps`).',
      }),
    enabled: z.boolean().default(true),
  })
  .strict();

export const RuleExpectationSchema = z
  .object({
    fires: z.array(z.string()).optional(),
    notFires: z.array(z.string()).optional(),
    /** The cause ranked first. */
    top: z.enum(CAUSES).optional(),
    /** The cause must rank at this place or better. */
    rank: z
      .object({ cause: z.enum(CAUSES), atMost: z.number().int().min(1).max(15) })
      .strict()
      .optional(),
    notTop: z.enum(CAUSES).optional(),
  })
  .strict();

export const RuleTestSchema = z
  .object({
    name: z.string().min(1).max(200),
    incident: IncidentSchema,
    expect: RuleExpectationSchema,
  })
  .strict();

export const RuleFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().max(2000).optional(),
    conditions: z.record(sharedName('failure-seen'), TopLevelConditionSchema).default({}).meta({
      description:
        'Shared conditions by name: any rule of any file may use one as {"condition": "name"}, where a condition may stand.',
    }),
    steps: z.record(sharedName('catch-fin-rst-race'), NextStepTemplateSchema).default({}).meta({
      description:
        'Shared next steps by name: any rule of any file may use one as {"step": "name"} in its nextSteps.',
    }),
    rules: z.array(RuleSchema).default([]),
    tests: z.array(RuleTestSchema).default([]).meta({
      description:
        'Incidents with what the rules must make of them; run by `reset-doctor rules test` and in CI.',
    }),
  })
  .strict()
  .refine(
    (f) => f.rules.length > 0 || Object.keys(f.conditions).length > 0 || Object.keys(f.steps).length > 0,
    {
      message: 'a rule file holds rules, shared conditions, shared steps or some of these',
      path: ['rules'],
    },
  );

/** A rule as written in its file: its conditions may name shared conditions. */
export type SourceRuleDef = z.infer<typeof RuleSchema>;
/** A rule with every shared condition and shared step it names written out in place: what is evaluated. */
export type RuleDef = Omit<SourceRuleDef, 'conditions' | 'nextSteps'> & {
  conditions: TopLevelCondition;
  nextSteps: NextStepTemplate[];
};
export type RuleFile = z.infer<typeof RuleFileSchema>;
export type RuleTest = z.infer<typeof RuleTestSchema>;
export type NextStepTemplate = z.infer<typeof NextStepTemplateSchema>;
export type StepReference = z.infer<typeof StepReferenceSchema>;
export type SourceNextStep = NextStepTemplate | StepReference;

export function isStepReference(s: SourceNextStep): s is StepReference {
  return 'step' in s;
}

export function isLeaf(c: SourceCondition): c is LeafCondition {
  return 'fact' in c;
}

export function isReference(c: SourceCondition): c is ConditionReference {
  return 'condition' in c;
}
