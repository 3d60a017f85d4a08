import { readFile } from 'node:fs/promises';
import { type MetricCatalogue, MetricCatalogueSchema } from '../../core/facts/metric-catalogue.js';
import { jsonPath } from '../../core/rules/compile-rules.js';
import { ResetDoctorError } from '../../errors.js';

export async function readCatalogue(file: string): Promise<MetricCatalogue> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ResetDoctorError(
      'CATALOGUE_INVALID',
      `${file}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  const parsed = MetricCatalogueSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file} ${jsonPath(i.path)}: ${i.message}`);
    throw new ResetDoctorError('CATALOGUE_INVALID', lines.join('\n'));
  }
  return parsed.data;
}
