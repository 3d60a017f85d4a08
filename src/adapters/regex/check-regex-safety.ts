import { createRequire } from 'node:module';
import type * as Recheck from 'recheck';
import type { CheckRegex, RegexVerdict } from '../../core/rules/lint-rules.js';

const require = createRequire(import.meta.url);
let recheck: typeof Recheck | undefined;

/**
 * recheck is large (about 30 MB resident once loaded): it is loaded on the first check, so processes that
 * never lint a rule (the bot's worker and intake, `diagnose`) do not carry it.
 */
function checkSync(...args: Parameters<typeof Recheck.checkSync>): ReturnType<typeof Recheck.checkSync> {
  recheck ??= require('recheck') as typeof Recheck;
  return recheck.checkSync(...args);
}

/**
 * Catastrophic-backtracking check for `matches` patterns, by recheck (automaton analysis, then fuzzing).
 * Synchronous and cached per pattern: a rule set reloads often, its patterns rarely change.
 */
export function createRegexSafetyCheck(options: { timeoutMs?: number } = {}): CheckRegex {
  const cache = new Map<string, RegexVerdict>();
  const timeout = options.timeoutMs ?? 5_000;
  return (pattern, flags) => {
    const key = `${flags}/${pattern}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let verdict: RegexVerdict;
    try {
      const d = checkSync(pattern, flags, { timeout });
      if (d.status === 'safe') verdict = { status: 'safe' };
      else if (d.status === 'vulnerable') {
        const attack = d.attack.pattern.length > 80 ? `${d.attack.pattern.slice(0, 80)}…` : d.attack.pattern;
        verdict = { status: 'vulnerable', detail: `${d.complexity.summary}; attack string ${attack}` };
      } else {
        const e = d.error as { kind?: string; message?: string };
        verdict = { status: 'unknown', detail: e.kind ?? e.message ?? 'the checker gave up' };
      }
    } catch (e) {
      verdict = { status: 'unknown', detail: e instanceof Error ? e.message : String(e) };
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, verdict);
    return verdict;
  };
}
