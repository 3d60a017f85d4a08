import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  codeSpan,
  escapeSlack,
  fitText,
  inertText,
  joinWithin,
  userMention,
} from './slack-text.js';

const Z = '\u200b';

describe('Slack text escaping', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['&lt;', '&amp;lt;'],
    ['a & b > c', 'a &amp; b &gt; c'],
    ['bell\u0007 and escape\u001b[31m', 'bell and escape[31m'],
  ])('escapeSlack(%j) = %j', (input, output) => {
    expect(escapeSlack(input)).toBe(output);
  });

  it.each([
    ['*bold*', `${Z}*${Z}bold${Z}*${Z}`],
    ['elb_502_ratio and a*b', 'elb_502_ratio and a*b'],
    ['x _it_ y', `x ${Z}_${Z}it${Z}_${Z} y`],
    ['_it_', `${Z}_${Z}it${Z}_${Z}`],
    ['~s~ `c`', `${Z}~${Z}s${Z}~${Z} ${Z}\`${Z}c${Z}\`${Z}`],
    ['> quoted', `${Z}&gt; quoted`],
    ['@here and @channel', `@${Z}here and @${Z}channel`],
    [':skull: at 10:00:00', `:${Z}skull: at 10:00:00`],
  ])('inertText(%j) breaks the markup', (input, output) => {
    expect(inertText(input)).toBe(output);
  });

  it('code spans cannot be closed from inside; code blocks cannot be fenced shut', () => {
    expect(codeSpan('a`b <x>')).toBe('`aˋb &lt;x&gt;`');
    expect(codeSpan('  ')).toBe('');
    const block = codeBlock("echo '```' `date`");
    expect(block.startsWith('```')).toBe(true);
    expect(block.endsWith('```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
  });

  it('fitText cuts on the raw text, so escapes and fences stay whole at every length', () => {
    const raw = '&<>`'.repeat(50);
    for (let max = 1; max < 120; max++) {
      for (const render of [inertText, codeBlock, codeSpan]) {
        const out = fitText(raw, max, render);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        if (out.startsWith('```')) expect(out.endsWith('```')).toBe(true);
      }
    }
    expect(fitText('short', 100)).toBe('short');
    expect(fitText('a'.repeat(10), 5)).toBe('aaaa…');
  });

  it('fitText never splits a surrogate pair', () => {
    const out = fitText('😀'.repeat(20), 9);
    expect(out).toBe('😀😀😀😀…');
  });

  it('joinWithin keeps whole lines and counts the rest', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const out = joinWithin(lines, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/_…and \d+ more_$/);
    expect(
      out
        .split('\n')
        .slice(0, -1)
        .every((l) => /^line \d+$/.test(l)),
    ).toBe(true);
  });

  it('mentions only for real Slack user ids', () => {
    expect(userMention('U0ABC123')).toBe('<@U0ABC123>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});

describe('percentages in answers', () => {
  it.each([
    [0.71, '71 %'],
    [0.004, '0.4 %'],
    [0.00001, '0.1 %'],
    [0.9996, '99.9 %'],
    [1, '100 %'],
    [0, '0 %'],
  ])('%f shows as %s', async (x, shown) => {
    const { percent } = await import('./render-slack-blocks.js');
    expect(percent(x)).toBe(shown);
  });
});
