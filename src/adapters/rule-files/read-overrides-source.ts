import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleSource } from '../../core/rules/compile-rules.js';

export const OVERRIDES_FILE = 'overrides.json';

/** Reads `overrides.json` of a rules directory; undefined when there is none. */
export async function readOverridesSource(dir: string): Promise<RuleSource | undefined> {
  const file = join(dir, OVERRIDES_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    return { file, json: JSON.parse(text) as unknown };
  } catch (e) {
    return { file, syntaxError: e instanceof Error ? e.message : String(e) };
  }
}
