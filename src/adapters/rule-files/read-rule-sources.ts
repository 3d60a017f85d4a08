import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuleSource } from '../../core/rules/compile-rules.js';
import { OVERRIDES_FILE } from './read-overrides-source.js';

/** Files in a rules directory that are not rule files. */
export const NON_RULE_FILES = new Set([OVERRIDES_FILE]);

/** Reads every `*.json` rule file of a directory (not recursive), keeping JSON syntax errors per file. */
export async function readRuleSources(dir: string): Promise<RuleSource[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !NON_RULE_FILES.has(n)).sort();
  return Promise.all(
    names.map(async (name): Promise<RuleSource> => {
      const file = join(dir, name);
      const text = await readFile(file, 'utf8');
      try {
        return { file, json: JSON.parse(text) as unknown };
      } catch (e) {
        return { file, syntaxError: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
}
