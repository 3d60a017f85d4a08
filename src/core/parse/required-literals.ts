/**
 * Which literal strings a regular expression cannot match without: a set of lower-case strings, one of
 * which occurs (lower-cased) in every match. A prefilter that looks for these literals once, in one pass
 * over lower-cased text, can skip every pattern none of whose literals is there; only the rest run. It is
 * an over-approximation by construction, never a guess: where the analysis cannot tell (a class like \d,
 * a `.`, an unbounded repetition), it gives up on that part, and a pattern it cannot bound at all gets
 * `undefined` (always run).
 *
 * Understood syntax (non-unicode mode, what the word and signature tables use): alternation, groups,
 * lookarounds and assertions (they consume nothing), classes of plain characters, escapes, and the
 * quantifiers ?, *, +, {n}, {n,}, {n,m}.
 */

/** Finite sets of strings a part can match, kept while small. */
const MAX_SET = 16;
const MAX_LEN = 64;

interface Part {
  /** Every string the part can match, when that is a small finite set. */
  readonly exact?: ReadonlySet<string>;
  /** One of these occurs in every match of the part (none: unknown). */
  readonly factor?: ReadonlySet<string>;
}

const UNKNOWN: Part = {};
const EMPTY: Part = { exact: new Set(['']) };

/**
 * Literals this long are rare enough in prose and logs that a longer one hardly filters better, while
 * every extra literal makes the prefilter's pass slower.
 */
const RARE_ENOUGH = 6;

/** Higher is more selective: the shortest literal (up to RARE_ENOUGH), then how few, then the shortest again. */
function quality(set: ReadonlySet<string>): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (const s of set) shortest = Math.min(shortest, s.length);
  return Math.min(shortest, RARE_ENOUGH) * 1e6 - set.size * 1000 + Math.min(shortest, 999);
}

function better(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined) {
  if (!a) return b;
  if (!b) return a;
  return quality(b) > quality(a) ? b : a;
}

/** A set usable as a factor: no empty string (an empty literal proves nothing). */
function asFactor(set: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (!set || set.size === 0) return undefined;
  for (const s of set) if (s === '') return undefined;
  return set;
}

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> | undefined {
  if (a.size * b.size > MAX_SET) return undefined;
  const out = new Set<string>();
  for (const x of a) {
    for (const y of b) {
      if (x.length + y.length > MAX_LEN) return undefined;
      out.add(x + y);
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly fold: (s: string) => string,
  ) {}

  parse(): Part {
    const part = this.disjunction();
    if (this.i !== this.src.length) throw new Error(`unexpected ${this.src[this.i]} at ${this.i}`);
    return part;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private disjunction(): Part {
    const alternatives = [this.alternative()];
    while (this.peek() === '|') {
      this.i++;
      alternatives.push(this.alternative());
    }
    if (alternatives.length === 1) return alternatives[0] ?? UNKNOWN;
    let exact: Set<string> | undefined = new Set();
    const factor = new Set<string>();
    let factored = true;
    for (const a of alternatives) {
      if (exact && a.exact && exact.size + a.exact.size <= MAX_SET) for (const s of a.exact) exact.add(s);
      else exact = undefined;
      const f = asFactor(better(a.factor, asFactor(a.exact)));
      if (f) for (const s of f) factor.add(s);
      else factored = false;
    }
    return { ...(exact ? { exact } : {}), ...(factored ? { factor } : {}) };
  }

  private alternative(): Part {
    // Walk the terms keeping the strings the run so far can match; a term without a finite set ends the
    // run, which then is one candidate factor. The best candidate wins.
    let run: ReadonlySet<string> = new Set(['']);
    let best: ReadonlySet<string> | undefined;
    let whole: ReadonlySet<string> | undefined = new Set(['']);
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const term = this.term();
      best = better(best, asFactor(term.factor));
      // Every prefix of the run occurs in the match too: "deploy" is a better factor than its five endings.
      best = better(best, asFactor(run));
      const next: ReadonlySet<string> | undefined = term.exact ? product(run, term.exact) : undefined;
      if (next) run = next;
      else {
        best = better(best, asFactor(run));
        run = term.exact ?? new Set(['']);
      }
      whole = whole && term.exact ? product(whole, term.exact) : undefined;
    }
    best = better(best, asFactor(run));
    return { ...(whole ? { exact: whole } : {}), ...(best ? { factor: best } : {}) };
  }

  private term(): Part {
    const atom = this.atom();
    return this.quantified(atom);
  }

  private quantified(atom: Part): Part {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === '+') [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (this.peek() === '?') this.i++;
    const factor = min >= 1 ? better(atom.factor, asFactor(atom.exact)) : undefined;
    let exact: ReadonlySet<string> | undefined;
    if (atom.exact && max <= 3) {
      // a? a{2} a{1,3}: the finite set of repetitions.
      let power: ReadonlySet<string> | undefined = new Set(['']);
      const all = new Set<string>();
      for (let k = 0; k <= max && power; k++) {
        if (k >= min) for (const s of power) all.add(s);
        if (k < max) power = product(power, atom.exact);
      }
      exact = power && all.size <= MAX_SET ? all : undefined;
    }
    return { ...(exact ? { exact } : {}), ...(factor ? { factor } : {}) };
  }

  private atom(): Part {
    const c = this.peek();
    if (c === undefined) throw new Error('unexpected end');
    this.i++;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return UNKNOWN;
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2;
      else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
        this.i += 2;
        this.disjunction();
        this.expect(')');
        return EMPTY;
      } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
        this.i += 3;
        this.disjunction();
        this.expect(')');
        return EMPTY;
      } else if (this.src.startsWith('?<', this.i)) {
        const end = this.src.indexOf('>', this.i);
        if (end === -1) throw new Error('bad group name');
        this.i = end + 1;
      }
      const inner = this.disjunction();
      this.expect(')');
      return inner;
    }
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === ')' || c === '|') throw new Error(`unexpected ${c}`);
    // A brace that does not start a quantifier is a plain character (Annex B), as are ] and }.
    return this.literal(c);
  }

  private expect(c: string): void {
    if (this.peek() !== c) throw new Error(`expected ${c} at ${this.i}`);
    this.i++;
  }

  private literal(c: string): Part {
    // Non-ASCII characters fold in ways a lower-cased text may not show; such a pattern is not bounded.
    if (c.charCodeAt(0) > 127) return UNKNOWN;
    return { exact: new Set([this.fold(c)]) };
  }

  /**
   * After a backslash: the character the escape stands for, `class` for \d \w \s and their negations,
   * `assertion` for \b \B, undefined for back references (their text is not known here).
   */
  private escapedChar(): string | undefined | 'class' | 'assertion' {
    const c = this.peek();
    if (c === undefined) throw new Error('trailing backslash');
    this.i++;
    const take = (re: RegExp): string | undefined => {
      const m = re.exec(this.src.slice(this.i));
      if (m) this.i += m[0].length;
      return m?.[0];
    };
    if ('dDwWsS'.includes(c)) return 'class';
    if (c === 'b' || c === 'B') return 'assertion';
    const simple: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
    if (simple[c] !== undefined) return simple[c];
    if (c === '0' && !/\d/.test(this.peek() ?? '')) return '\0';
    if (/\d/.test(c)) {
      take(/^\d*/);
      return undefined;
    }
    if (c === 'x' || c === 'u') {
      const hex = take(c === 'x' ? /^[0-9A-Fa-f]{2}/ : /^[0-9A-Fa-f]{4}/);
      return hex === undefined ? c : String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (c === 'c') {
      const letter = take(/^[A-Za-z]/);
      return letter === undefined ? undefined : String.fromCharCode(letter.charCodeAt(0) % 32);
    }
    if (c === 'k') {
      take(/^<[^>]*>/);
      return undefined;
    }
    return c;
  }

  private escape(): Part {
    const e = this.escapedChar();
    if (e === 'assertion') return EMPTY;
    if (e === undefined || e === 'class') return UNKNOWN;
    return this.literal(e);
  }

  private characterClass(): Part {
    const chars = new Set<string>();
    let bounded = this.peek() !== '^';
    if (!bounded) this.i++;
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) throw new Error('unterminated class');
      if (c === ']' && !first) break;
      first = false;
      this.i++;
      let ch: string | undefined = c;
      if (c === '\\') {
        const escaped = this.src[this.i];
        const e = this.escapedChar();
        // In a class \b is a backspace and \B a plain B.
        ch = e === 'assertion' ? (escaped === 'b' ? '\b' : 'B') : e === 'class' ? undefined : e;
      }
      if (this.peek() === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        // A range: its characters are not enumerated.
        this.i++;
        if (this.peek() === '\\') {
          this.i++;
          this.escapedChar();
        } else this.i++;
        bounded = false;
        continue;
      }
      if (ch === undefined || ch.charCodeAt(0) > 127) bounded = false;
      else chars.add(this.fold(ch));
    }
    this.i++;
    return bounded && chars.size > 0 ? { exact: chars } : UNKNOWN;
  }
}

/**
 * Lower-case literals one of which every match of the pattern contains (so a text that contains none of
 * them, lower-cased, cannot match), or undefined when the pattern is not bounded that way.
 */
export function requiredLiterals(source: string, flags = ''): readonly string[] | undefined {
  if (flags.includes('u') || flags.includes('v')) return undefined;
  let part: Part;
  try {
    part = new Parser(source, (s) => s.toLowerCase()).parse();
  } catch {
    return undefined;
  }
  const factor = better(asFactor(part.factor), asFactor(part.exact));
  return factor ? [...factor].sort() : undefined;
}

/**
 * The top-level alternatives of a pattern's source (`a|b(c|d)|e` → `a`, `b(c|d)`, `e`), each a pattern of
 * its own that matches where the whole would match through it, so the whole matches a text exactly when
 * one of them does. Undefined when a part refers to another (a backreference) and cannot stand alone.
 */
export function topLevelAlternatives(source: string): string[] | undefined {
  if (/\\(?:[1-9]|k<)/.test(source)) return undefined;
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}
