import { describe, expect, it } from 'vitest';
import { createLogScanner } from '../parse/scan-log.js';
import { LOG_TEXT_HIT_LINES_CHARS, LOG_TEXT_TAIL_CHARS } from './builtin-facts.js';
import { logTextOf } from './gather-facts.js';

const scanner = createLogScanner();

describe('log.text', () => {
  it('is the whole log when it is short', () => {
    const log = 'a\nError: read ECONNRESET\nb\n';
    expect(logTextOf(log, scanner.scan(log))).toBe(log);
  });

  it('keeps the tail and the earlier lines where a signature matched, bounded', () => {
    const filler = `${'2026-01-01T00:00:00Z INFO ok '.padEnd(99, '.')}\n`;
    const early = 'Error: connect EADDRNOTAVAIL 10.0.0.5:443 - Local (0.0.0.0:0)\n';
    const log = `${filler.repeat(50)}${early}${filler.repeat(10_000)}last line\n`;
    const text = logTextOf(log, scanner.scan(log));
    expect(text.length).toBeLessThanOrEqual(LOG_TEXT_TAIL_CHARS + LOG_TEXT_HIT_LINES_CHARS);
    expect(text.startsWith('Error: connect EADDRNOTAVAIL')).toBe(true);
    expect(text.endsWith('last line\n')).toBe(true);
    expect(text.split('\n').filter((l) => l.includes('EADDRNOTAVAIL'))).toHaveLength(1);
  });

  it('caps the earlier matching lines', () => {
    const hit = `Error: read ECONNRESET ${'y'.repeat(300)}\n`;
    const log = `${hit.repeat(2000)}${'z'.repeat(LOG_TEXT_TAIL_CHARS + 10)}\nend\n`;
    const text = logTextOf(log, scanner.scan(log));
    expect(text.length).toBeLessThanOrEqual(LOG_TEXT_TAIL_CHARS + LOG_TEXT_HIT_LINES_CHARS);
    expect(text.endsWith('end\n')).toBe(true);
  });
});
