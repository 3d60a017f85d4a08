import { createLogScanner } from '../../src/core/parse/scan-log.js';
import { mixedLog } from '../mixed-log.js';
import { createNaiveLogScanner } from '../naive.js';
import type { Sizes } from '../sizes.js';
import { nowMs } from '../stats.js';

/**
 * Log scanning: the scanner the core uses (one literal prefilter pass, then only the signatures whose
 * literals occur on a line) against every signature regex on every line, on the same mixed log, taking
 * turns, in the same process. Both must find the same hits.
 */

export interface ScanResult {
  readonly megabytes: number;
  readonly lines: number;
  readonly hits: number;
  readonly identical: boolean;
  readonly mbPerSecond: number;
  readonly naive: { readonly mbPerSecond: number };
  readonly rounds: number;
}

/** Untimed passes of the scanner before the measured rounds. */
const WARM_PASSES = 3;

export async function runScan(sizes: Sizes): Promise<ScanResult> {
  const { text, lines } = mixedLog(sizes.scanMegabytes);
  const megabytes = Buffer.byteLength(text) / 1_000_000;
  const scanner = createLogScanner();
  const naive = createNaiveLogScanner();
  const fast: number[] = [];
  const slow: number[] = [];
  let hits = 0;
  let identical = true;
  // Untimed passes first, so both sides are measured as a long-running worker runs them: the scanner's
  // first passes over 50 MB run partly in V8's lower tiers (about 220, then 280 MB/s, then 350); the naive
  // side is regex-bound and at its speed after one pass.
  for (let i = 0; i < WARM_PASSES; i++) scanner.scan(text);
  naive.scan(text);
  for (let round = 0; round < sizes.scanRounds; round++) {
    const sides = round % 2 === 0 ? ([scanner, naive] as const) : ([naive, scanner] as const);
    const found: string[] = [];
    for (const side of sides) {
      const t = nowMs();
      const scan = side.scan(text);
      const s = (nowMs() - t) / 1000;
      (side === scanner ? fast : slow).push(megabytes / s);
      if (side === scanner) hits = scan.hits.length;
      found.push(JSON.stringify(scan.hits));
    }
    identical &&= found[0] === found[1];
    // Let the collector catch up between rounds rather than during the next measurement.
    await new Promise((r) => setImmediate(r));
  }
  return {
    megabytes: Math.round(megabytes * 10) / 10,
    lines,
    hits,
    identical,
    // The best round of each side: on a shared machine, the least disturbed measurement of each.
    mbPerSecond: Math.max(...fast),
    naive: { mbPerSecond: Math.max(...slow) },
    rounds: sizes.scanRounds,
  };
}
