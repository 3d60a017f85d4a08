/**
 * One pass over a text that tells which of many patterns may match it: each pattern comes with literals of
 * which every match contains one (see required-literals.ts), and a single alternation of all literals finds
 * which occur. Running one alternation instead of every pattern is what makes a table of a hundred regexes
 * cheap on text that mentions few of them.
 */

export interface LiteralPrefilter {
  /** Which patterns may match `lowerText` (the text lower-cased), by index; patterns without literals always. */
  candidates(lowerText: string): Uint8Array;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `literals[i]`: lower-case literals of pattern i, or undefined when it must always run. */
export function createLiteralPrefilter(
  literals: readonly (readonly string[] | undefined)[],
): LiteralPrefilter {
  const direct = new Map<string, number[]>();
  const always: number[] = [];
  literals.forEach((list, index) => {
    if (list === undefined || list.length === 0) {
      always.push(index);
      return;
    }
    for (const lit of list) {
      const patterns = direct.get(lit);
      if (patterns) patterns.push(index);
      else direct.set(lit, [index]);
    }
  });
  // Longest first: at one position the alternation reports its first alternative that matches, and any
  // shorter literal matching there is a prefix of it, so each literal also stands for those inside it.
  const sorted = [...direct.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const patternsOf = new Map<string, readonly number[]>();
  for (const lit of sorted) {
    const all = new Set<number>();
    for (const other of sorted)
      if (other.length <= lit.length && lit.includes(other))
        for (const i of direct.get(other) ?? []) all.add(i);
    patternsOf.set(lit, [...all]);
  }
  const trigger = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : undefined;
  return {
    candidates(lowerText) {
      const out = new Uint8Array(literals.length);
      for (const i of always) out[i] = 1;
      if (!trigger) return out;
      trigger.lastIndex = 0;
      for (let m = trigger.exec(lowerText); m !== null; m = trigger.exec(lowerText)) {
        for (const i of patternsOf.get(m[0]) ?? []) out[i] = 1;
        // Literals may overlap: look again one character on, not after the match.
        trigger.lastIndex = m.index + 1;
      }
      return out;
    },
  };
}
