import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { httpStatusOf } from '../../src/adapters/http/http-errors.js';
import { ERROR_CODES, type ErrorCode } from '../../src/errors.js';

/** docs/errors.md lists every error code with how to fix it; this keeps the list and the code in step. */

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const sections = new Map(
  doc
    .split(/^## /m)
    .slice(1)
    .map((s) => [/^`([A-Z_]+)`/.exec(s)?.[1] ?? s.split('\n')[0], s] as const),
);
const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('docs/errors.md', () => {
  it('lists exactly the codes of src/errors.ts', () => {
    expect([...sections.keys()].sort()).toEqual([...codes].sort());
  });

  it.each(codes)(
    '%s: says how to fix it, with the right exit status, HTTP status and retryability',
    (code) => {
      const text = sections.get(code) ?? '';
      expect(text).toMatch(/\*\*Fix:\*\* \S/);
      const meta = /^(.*· (?:not )?retryable)\.$/m.exec(text)?.[1] ?? '';
      expect(meta, 'a line like "Exit 2 · HTTP 400 · not retryable."').not.toBe('');
      expect(meta.endsWith(ERROR_CODES[code].retryable ? '· retryable' : '· not retryable')).toBe(true);
      const exit = /Exit (\d)/.exec(meta)?.[1];
      if (exit !== undefined) expect(Number(exit)).toBe(ERROR_CODES[code].exitCode);
      const http = /HTTP (\d{3})/.exec(meta)?.[1];
      if (http !== undefined) expect(Number(http)).toBe(httpStatusOf(code));
      else expect(httpStatusOf(code)).toBe(500);
    },
  );
});
