import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createShellQuote } from '../../adapters/shell/create-shell-quote.js';
import { formatValue, renderCommand } from './template.js';

const quote = createShellQuote();

describe('commands filled with untrusted values stay inert', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rd-quote-'));
  const marker = join(dir, 'pwned');
  it.each([
    ["x'; touch MARK; '"],
    ['$(touch MARK)'],
    ['`touch MARK`'],
    ['a b; touch MARK'],
    ['x" && touch MARK && "'],
    ['\ntouch MARK\n'],
    ['*'],
  ])('pod %j', (raw) => {
    const value = raw.replace('MARK', marker);
    const { command, needs } = renderCommand(
      'printf "%s\\n" {{pod}} -- {{namespace}}',
      { pod: value },
      quote,
    );
    expect(needs).toEqual(['NS']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the shell text the renderer produces
    const out = execFileSync('bash', ['-c', command.replace('"${NS:?set NS}"', 'ns')], {
      encoding: 'utf8',
      cwd: dir,
    });
    // The whole value arrives as one argument, byte for byte (shescape strips only leading dashes).
    expect(out.startsWith(`${value}\n`)).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('leaves an unknown value as a variable that refuses to run unset', () => {
    const { command, needs } = renderCommand(
      'kubectl logs {{pod}} -n {{namespace}}',
      { namespace: 'shop' },
      quote,
    );
    expect(command).toBe(`kubectl logs "\${POD:?set POD}" -n 'shop'`);
    expect(needs).toEqual(['POD']);
    expect(() => execFileSync('bash', ['-c', `echo ${command}`], { stdio: 'pipe' })).toThrow();
  });

  it('a value can never become a flag', () => {
    const { command } = renderCommand('kubectl logs {{pod}}', { pod: '--kubeconfig=/tmp/evil' }, quote);
    expect(command).not.toMatch(/ '?--kubeconfig/);
  });
});

describe('formatValue', () => {
  it.each([
    [5, 'seconds', '5 s'],
    [360, 'seconds', '6 min'],
    [1_000_000, 'seconds', 'unlimited'],
    [0.934, 'ratio', '93.4 %'],
    [26_214_400, 'bytes', '25.0 MiB'],
    [true, undefined, 'yes'],
    [['a', 'b'], undefined, 'a, b'],
  ] as const)('%j %s → %s', (v, unit, text) => {
    expect(formatValue(v, unit)).toBe(text);
  });
});
