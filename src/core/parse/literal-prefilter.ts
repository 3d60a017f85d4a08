import { createLiteralAutomaton, isFoldableLiteral } from './literal-automaton.js';

/**
 * One pass over a text that tells which of many patterns may match it: each pattern comes with literals of
 * which every match contains one (see required-literals.ts), and one Aho-Corasick automaton over all the
 * literals finds which occur, one table lookup per character. Running one pass instead of every pattern is
 * what makes a table of a hundred regexes cheap on text that mentions few of them.
 */

export interface LiteralPrefilter {
  /**
   * Which patterns may match the text, by index. Literals are found regardless of ASCII case; patterns
   * without literals, or with one the automaton cannot fold like a regex (not ASCII), always pass. The
   * array is the prefilter's own and is overwritten by the next call: read it first.
   */
  candidates(text: string): Uint8Array;
}

/** `literals[i]`: literals of pattern i, or undefined when it must always run. */
export function createLiteralPrefilter(
  literals: readonly (readonly string[] | undefined)[],
): LiteralPrefilter {
  const always: number[] = [];
  literals.forEach((list, index) => {
    if (list === undefined || list.length === 0 || !list.every((l) => l.length > 0 && isFoldableLiteral(l)))
      always.push(index);
  });
  const automaton = createLiteralAutomaton(
    literals.flatMap((list, index) => (always.includes(index) ? [] : (list ?? []))),
  );
  const position = new Map(automaton.literals.map((l, i) => [l, i]));
  // The patterns each literal of the automaton stands for.
  const patternsOf: number[][] = automaton.literals.map(() => []);
  literals.forEach((list, index) => {
    if (always.includes(index)) return;
    for (const lit of list ?? []) patternsOf[position.get(lit.toLowerCase()) ?? -1]?.push(index);
  });
  // Reused by every call (a typed array per call would be a small off-heap allocation each time).
  const out = new Uint8Array(literals.length);
  return {
    candidates(text) {
      out.fill(0);
      for (const i of always) out[i] = 1;
      for (const l of automaton.literalsIn(text)) for (const i of patternsOf[l] ?? []) out[i] = 1;
      return out;
    },
  };
}
