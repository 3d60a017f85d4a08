import { Shescape } from 'shescape';
import type { ShellQuote } from '../../core/rules/template.js';

/**
 * POSIX single-quote quoting from shescape: any value (a label like `x'; touch /tmp/p; '`) stays one inert
 * argument, and leading dashes are stripped so a value can never become a flag.
 */
export function createShellQuote(): ShellQuote {
  const shescape = new Shescape({ shell: 'bash', flagProtection: true });
  return (value: string) => shescape.quote(value);
}
