import { describe, expect, it } from 'vitest';
import { createLiteralPrefilter } from './literal-prefilter.js';
import { matchingWordPatterns, WORD_PATTERNS } from './parse-words.js';
import { requiredLiterals, topLevelAlternatives } from './required-literals.js';
import { SIGNATURES } from './signatures.js';

describe('requiredLiterals', () => {
  it.each([
    ['plain text', 'socket hang up', 'i', ['socket hang up']],
    ['case folds', 'ECONNRESET', '', ['econnreset']],
    ['alternation takes one factor per branch', '\\bfoo\\b|bar baz', '', ['bar baz', 'foo']],
    ['optional parts end the run', '\\bdeploy(?:ment|ing|s|ed)?\\b', 'i', ['deploy']],
    ['a small group multiplies out', 'load[- ]?balanc', 'i', ['load balanc', 'load-balanc', 'loadbalanc']],
    ['classes and repetitions break runs', '\\d{1,3} ?(?:rps|qps)\\b', 'i', ['qps', 'rps']],
    ['escapes are characters', 'net\\/http\\.Client', '', ['net/http.client']],
    ['lookarounds consume nothing', 'requests(?=[^.]{0,40}session)', 'i', ['requests']],
    ['the longest required part wins', 'a\\d+connection reset\\s', '', ['connection reset']],
    ['a capture group counts like any group', 'exit(?:ed)? code (\\d+)', 'i', ['exit code ', 'exited code ']],
    ['a dot ends a run', 'ab.cd', '', ['ab']],
    ['non-ASCII characters end a run', 'größe', 'i', ['gr']],
    ['a negative lookahead does not bound', '(?!x)abc', '', ['abc']],
    ['\\b inside a class is a backspace', '[\\b]x', '', ['\bx']],
  ])('%s: /%s/%s', (_, source, flags, expected) => {
    expect(requiredLiterals(source, flags)).toEqual(expected);
  });

  it.each([
    ['only dots', '.+'],
    ['a bare class', '\\d+'],
    ['an optional-only pattern', '(?:abc)?'],
    ['a branch without literals', 'abc|\\d+'],
    ['only non-ASCII text (folding may differ)', 'öß'],
    ['unicode mode', 'abc'],
    ['a back reference', '(a)\\1'],
  ])('gives up on %s', (what, source) => {
    const flags = what === 'unicode mode' ? 'u' : '';
    const lits = requiredLiterals(source, flags);
    if (what === 'a back reference') expect(lits).toEqual(['a']);
    else expect(lits).toBeUndefined();
  });

  // Sound by construction; these check it on real patterns: a text the pattern matches holds a literal.
  it.each(SIGNATURES.map((s) => [s.id, s] as const))('signature %s: its sample holds a literal', (_, sig) => {
    const lits = requiredLiterals(sig.re, sig.flags);
    expect(lits).toBeDefined();
    const m = new RegExp(sig.re, sig.flags).exec(sig.sample);
    expect(m).not.toBeNull();
    expect(lits?.some((l) => (m?.[0] ?? '').toLowerCase().includes(l))).toBe(true);
  });

  it('bounds every word pattern, and the prefilter never hides a match', () => {
    const texts = [
      'Intermittent ECONNRESET behind the ALB, only after the service sat idle for 6 minutes; retry succeeds.',
      'Node.js 18 (keepAliveTimeout 5s) behind an AWS Application Load Balancer with a 60 s idle timeout',
      'gunicorn workers restart under load at peak; 1,200 rps, 3000 concurrent connections, pod OOMKilled',
      'After upgrading to nginx/1.25.3 the upstream (envoy sidecar, Istio) resets HTTP/2 streams: GOAWAY',
      'Connection: close on every request; without keep-alive, TIME_WAIT sockets pile up, ephemeral ports run out',
      'Uploads larger than 1 MB fail half way; the server answers 413 before reading the request body',
      'conntrack table full on the NAT gateway; packet loss and retransmits across zones; MTU 9001 jumbo frames',
      'python requests Session shared across forked workers (uwsgi lazy-apps off); psycopg2 and pgbouncer',
      'Deploy: rolling update, pods terminating without preStop drain; SIGTERM, graceful shutdown missing',
    ];
    const prefilter = createLiteralPrefilter(
      WORD_PATTERNS.map((d) => requiredLiterals(d.re.source, d.re.flags)),
    );
    for (const d of WORD_PATTERNS) expect(requiredLiterals(d.re.source, d.re.flags), d.id).toBeDefined();
    for (const text of texts.flatMap((t) => [t, t.toUpperCase()])) {
      const maybe = prefilter.candidates(text);
      const matched = WORD_PATTERNS.filter((d) => d.re.test(text)).map((d) => d.id);
      expect(matched.length).toBeGreaterThan(0);
      expect(WORD_PATTERNS.filter((d, i) => maybe[i] === 1 && d.re.test(text)).map((d) => d.id)).toEqual(
        matched,
      );
      // The words parser's own prefilter, which runs the patterns' alternatives one by one.
      const viaAlternatives = matchingWordPatterns(text);
      expect(WORD_PATTERNS.filter((_, i) => viaAlternatives[i] === 1).map((d) => d.id)).toEqual(matched);
    }
  });

  it('finds every word pattern by its alternatives on text made of the words of the patterns', () => {
    // Each pattern's source with its regex syntax stripped: text that names many patterns' literals at once.
    const text = WORD_PATTERNS.map((d) => d.re.source.replace(/\\[bdsw]|[\\^$()[\]{}?*+|]/g, ' ')).join('. ');
    for (const t of [text, text.toUpperCase(), text.slice(0, 4000)]) {
      const viaAlternatives = matchingWordPatterns(t);
      expect(WORD_PATTERNS.filter((_, i) => viaAlternatives[i] === 1).map((d) => d.id)).toEqual(
        WORD_PATTERNS.filter((d) => d.re.test(t)).map((d) => d.id),
      );
    }
  });
});

describe('topLevelAlternatives', () => {
  it.each([
    ['a|b(c|d)|e', ['a', 'b(c|d)', 'e']],
    ['x[|]y|z', ['x[|]y', 'z']],
    ['a\\|b|c', ['a\\|b', 'c']],
    ['[]|a]|b', ['[]', 'a]', 'b']],
    ['(?<!to the )\\bsame|\\bhost\\b', ['(?<!to the )\\bsame', '\\bhost\\b']],
    ['single', ['single']],
    ['', ['']],
  ])('%s', (source, expected) => {
    expect(topLevelAlternatives(source)).toEqual(expected);
    // Together they match what the whole matches.
    for (const t of ['a', 'bd', 'e', 'x|y', 'z', '|b', 'same host', 'single', 'q'])
      expect(expected.some((alt) => new RegExp(alt).test(t))).toBe(new RegExp(source).test(t));
  });

  it('keeps a pattern whole when a part refers to another', () => {
    expect(topLevelAlternatives('(a)x|\\1y')).toBeUndefined();
    expect(topLevelAlternatives('(?<q>a)|\\k<q>')).toBeUndefined();
  });
});

describe('createLiteralPrefilter', () => {
  it('finds overlapping and nested literals, and always passes patterns without literals', () => {
    const p = createLiteralPrefilter([
      ['reset by peer'],
      ['reset'],
      ['by peer'],
      undefined,
      ['xyz'],
      ['set b'],
    ]);
    expect([...p.candidates('connection reset by peer')]).toEqual([1, 1, 1, 1, 0, 1]);
    expect([...p.candidates('nothing here')]).toEqual([0, 0, 0, 1, 0, 0]);
    expect([...p.candidates('Connection RESET By Peer')]).toEqual([1, 1, 1, 1, 0, 1]);
    expect([...createLiteralPrefilter([]).candidates('abc')]).toEqual([]);
  });

  it('always passes a pattern with a literal that is not ASCII', () => {
    const p = createLiteralPrefilter([['größe'], ['size']]);
    expect([...p.candidates('nothing')]).toEqual([1, 0]);
  });

  it('takes literals with regex syntax literally', () => {
    const p = createLiteralPrefilter([['fetch()'], ['a.b']]);
    expect([...p.candidates('use fetch() here')]).toEqual([1, 0]);
    expect([...p.candidates('axb')]).toEqual([0, 0]);
  });
});
