import { createLiteralAutomaton } from './literal-automaton.js';
import { SIGNATURES, type Signature } from './signatures.js';

/** Longest line a signature regex ever sees; longer lines are cut (defence in depth for the regexes). */
export const MAX_LINE_CHARS = 8192;

const NO_GROUPS: Readonly<Record<string, string | undefined>> = Object.freeze({});

export interface SignatureHit {
  readonly id: string;
  /** 1-based line number in the scanned text. */
  readonly line: number;
  /** The matched line, cut to a readable length. */
  readonly text: string;
  readonly groups: readonly (string | undefined)[];
  /** The regex's named groups, where an alternation has groups of different meaning. */
  readonly named: Readonly<Record<string, string | undefined>>;
}

export interface LogScan {
  /** Every hit, in line order. */
  readonly hits: readonly SignatureHit[];
  /** Hits per signature id. */
  readonly counts: Readonly<Record<string, number>>;
  readonly lineCount: number;
  /** Lines the literal prefilter passed to the regexes. */
  readonly candidateLines: number;
}

export interface LogScanner {
  readonly signatures: readonly Signature[];
  scan(text: string): LogScan;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Trigger {
  readonly re: RegExp;
  readonly caseSensitive: boolean;
  /** literal (as matched, folded when case-insensitive) → indexes of signatures to try. */
  readonly sigsByLiteral: ReadonlyMap<string, readonly number[]>;
}

function buildTrigger(signatures: readonly Signature[], caseSensitive: boolean): Trigger | undefined {
  const direct = new Map<string, Set<number>>();
  signatures.forEach((sig, index) => {
    if (Boolean(sig.caseSensitiveLiterals) !== caseSensitive) return;
    for (const raw of sig.literals) {
      const lit = caseSensitive ? raw : raw.toLowerCase();
      let set = direct.get(lit);
      if (!set) {
        set = new Set();
        direct.set(lit, set);
      }
      set.add(index);
    }
  });
  if (direct.size === 0) return undefined;
  const literals = [...direct.keys()].sort((a, b) => b.length - a.length);
  // A longer literal hides the shorter ones it contains (the regex reports one match per position),
  // so each literal also stands for every literal inside it.
  const sigsByLiteral = new Map<string, readonly number[]>();
  for (const lit of literals) {
    const all = new Set<number>();
    for (const other of literals) {
      if (other.length <= lit.length && lit.includes(other)) {
        for (const i of direct.get(other) ?? []) all.add(i);
      }
    }
    sigsByLiteral.set(
      lit,
      [...all].sort((a, b) => a - b),
    );
  }
  const re = new RegExp(literals.map(escapeRegExp).join('|'), caseSensitive ? 'g' : 'gi');
  return { re, caseSensitive, sigsByLiteral };
}

/** How many newlines text holds in [from, to). */
function newlinesBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1)) n++;
  return n;
}

/**
 * Builds a scanner: one prefilter pass finds candidate lines by literal, then only the signatures whose
 * literals occur on a line run their regex on it. Linear in the input.
 */
export function createLogScanner(signatures: readonly Signature[] = SIGNATURES): LogScanner {
  const compiled = signatures.map((s) => new RegExp(s.re, s.flags));
  const triggers = [buildTrigger(signatures, false), buildTrigger(signatures, true)].filter(
    (t): t is Trigger => t !== undefined,
  );

  // The pass over the whole text: the case-insensitive literals through an automaton (one lookup per
  // character; the alternation regex was the scanner's bottleneck at about 200 MB/s), the few
  // case-sensitive ones (Envoy flags, HAProxy states, all starting with a space) through their regex,
  // which V8 runs fast. Per candidate line, signaturesOnLine then uses the regexes.
  const automaton = createLiteralAutomaton(
    signatures.filter((s) => !s.caseSensitiveLiterals).flatMap((s) => s.literals),
  );

  function candidateStarts(text: string): number[] {
    const starts = automaton.lineStarts(text);
    for (const trigger of triggers) {
      if (!trigger.caseSensitive) continue;
      const re = trigger.re;
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        starts.push(lineStart);
        const lineEnd = text.indexOf('\n', m.index);
        if (lineEnd === -1) break;
        re.lastIndex = lineEnd + 1;
      }
    }
    starts.sort((a, b) => a - b);
    return starts.filter((s, i) => i === 0 || starts[i - 1] !== s);
  }

  function signaturesOnLine(line: string): number[] {
    const found = new Set<number>();
    for (const trigger of triggers) {
      const re = trigger.re;
      re.lastIndex = 0;
      for (let m = re.exec(line); m !== null; m = re.exec(line)) {
        const key = trigger.caseSensitive ? m[0] : m[0].toLowerCase();
        for (const i of trigger.sigsByLiteral.get(key) ?? []) found.add(i);
        re.lastIndex = m.index + 1;
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  /** The hits of the signatures whose literals occur on one candidate line. */
  function collectLine(line: string, lineNo: number, hits: SignatureHit[], counts: Record<string, number>) {
    for (const i of signaturesOnLine(line)) {
      const sig = signatures[i];
      const re = compiled[i];
      if (!sig || !re) continue;
      const m = re.exec(line);
      if (!m) continue;
      counts[sig.id] = (counts[sig.id] ?? 0) + 1;
      hits.push({
        id: sig.id,
        line: lineNo,
        text: line.length > 400 ? `${line.slice(0, 400)}…` : line,
        groups: m.slice(1),
        named: m.groups ?? NO_GROUPS,
      });
    }
  }

  // The loops live in small functions called many times per scan: V8 then optimises each as a whole
  // function, where one long function with all of them in it was compiled on the stack mid-loop and
  // deoptimised again by the first code it reached without type feedback, once per scan.
  return {
    signatures,
    scan(text: string): LogScan {
      const hits: SignatureHit[] = [];
      const counts: Record<string, number> = {};
      const starts = candidateStarts(text);
      let lineNo = 1;
      let pos = 0;
      for (const start of starts) {
        lineNo += newlinesBetween(text, pos, start);
        pos = start;
        const end = text.indexOf('\n', start);
        let line = text.slice(start, end === -1 ? text.length : Math.min(end, start + MAX_LINE_CHARS));
        if (line.endsWith('\r')) line = line.slice(0, -1);
        collectLine(line, lineNo, hits, counts);
      }
      // a last line without its newline still counts; a newline that ends the text opens no line
      const lineCount = text.length === 0 ? 0 : lineNo + newlinesBetween(text, pos, text.length - 1);
      return { hits, counts, lineCount, candidateLines: starts.length };
    },
  };
}
