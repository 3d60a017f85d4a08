import { describe, expect, it } from 'vitest';
import { createLiteralAutomaton } from './literal-automaton.js';
import { SIGNATURES } from './signatures.js';

/** The lines a case-insensitive regex alternating the literals finds: what the automaton must agree with. */
function oracle(literals: readonly string[], text: string): number[] {
  const re = new RegExp(literals.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  const starts: number[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (re.test(line)) starts.push(start);
    start += line.length + 1;
  }
  return starts;
}

describe('createLiteralAutomaton', () => {
  it.each([
    ['overlapping literals', ['reset by peer', 'set b', 'peer'], 'conn reset by pe\nby peer\nreSET BY x\n'],
    ['a literal inside another', ['econnreset', 'conn'], 'read ECONNRESET\nCONNECTION\nno\n'],
    ['failure links', ['abcd', 'bce', 'cef'], 'abcef\nabce\nxabcd\nbcx\n'],
    ['no trailing newline', ['hang up'], 'socket hang up'],
    ['non-ASCII next to literals', ['eof'], 'Ünexpected EOF\nKelvin \u212A\néof\n'],
    ['empty text', ['x'], ''],
  ])('%s', (_, literals, text) => {
    expect(createLiteralAutomaton(literals).lineStarts(text)).toEqual(oracle(literals, text));
  });

  it('finds the lines the signatures literal regex finds, on their samples shuffled into noise', () => {
    const literals = SIGNATURES.filter((s) => !s.caseSensitiveLiterals).flatMap((s) => s.literals);
    const noise = [
      'GET /api/v1/orders HTTP/1.1 200',
      '{"level":30,"msg":"ok"}',
      '    at com.example.X.y(X.java:1)',
    ];
    const lines = SIGNATURES.flatMap((s, i) => [noise[i % 3] ?? '', s.sample.toUpperCase(), s.sample]);
    const text = lines.join('\n');
    expect(createLiteralAutomaton(literals).lineStarts(text)).toEqual(oracle(literals, text));
  });

  it.each([
    ['overlapping literals', ['reset by peer', 'set b', 'peer', 'by'], 'conn RESET by PEER'],
    ['a literal inside another', ['econnreset', 'conn', 'reset', 'nnr'], 'read ECONNRESET'],
    ['failure links', ['abcd', 'bce', 'cef', 'ce'], 'xabcef'],
    ['none', ['abc'], 'ab\nc'],
    ['empty text', ['x'], ''],
  ])('tells which literals occur: %s', (_, literals, text) => {
    const automaton = createLiteralAutomaton(literals);
    const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const found = new Set(automaton.literalsIn(text));
    expect(automaton.literals.map((_, i) => found.has(i))).toEqual(
      automaton.literals.map((l) => lower.includes(l)),
    );
  });

  it('refuses literals it cannot fold like a regex', () => {
    expect(() => createLiteralAutomaton(['größe'])).toThrow(/ASCII/);
    expect(() => createLiteralAutomaton(['two\nlines'])).toThrow(/ASCII/);
  });
});
