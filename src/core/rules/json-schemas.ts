import { z } from 'zod';
import { MetricCatalogueSchema } from '../facts/metric-catalogue.js';
import { OverridesFileSchema } from './overrides-schema.js';
import { FactNameSchema, RuleFileSchema, WeightSchema } from './rule-schema.js';

/**
 * JSON Schemas for the files operators edit, generated from the zod schemas the code validates with (so the
 * two cannot disagree). `npm run schema` writes them to schema/; a test fails when they drift.
 */

type JsonSchema = Record<string, unknown>;

function generate(
  schema: z.ZodType,
  id: string,
  title: string,
  factNames: readonly string[] = [],
): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      // Editors complete fact names from `examples`; the catalogue is open, so this cannot be an enum.
      if (ctx.zodSchema === FactNameSchema && factNames.length > 0) ctx.jsonSchema.examples = [...factNames];
      if (ctx.zodSchema === WeightSchema) ctx.jsonSchema.not = { const: 0 };
    },
  }) as JsonSchema;
  return { $schema: out.$schema, $id: id, title, ...out };
}

export function rulesJsonSchema(factNames: readonly string[]): JsonSchema {
  return generate(
    RuleFileSchema,
    'https://reset-doctor.dev/schema/rules.schema.json',
    'reset-doctor rule file',
    factNames,
  );
}

export function overridesJsonSchema(): JsonSchema {
  return generate(
    OverridesFileSchema,
    'https://reset-doctor.dev/schema/overrides.schema.json',
    'reset-doctor per-service overrides',
  );
}

export function metricsJsonSchema(): JsonSchema {
  return generate(
    MetricCatalogueSchema,
    'https://reset-doctor.dev/schema/metrics.schema.json',
    'reset-doctor metric fact catalogue',
  );
}
