import {
  type LogScan,
  type LogScanner,
  MAX_LINE_CHARS,
  type SignatureHit,
} from '../src/core/parse/scan-log.js';
import { SIGNATURES, type Signature } from '../src/core/parse/signatures.js';

/**
 * The naive log scanner of the baseline: every signature's regex on every line, no literal prefilter.
 * It returns exactly what the real scanner returns (the bench checks), so a core built with it gives the
 * same diagnoses, only slower.
 */
export function createNaiveLogScanner(signatures: readonly Signature[] = SIGNATURES): LogScanner {
  const compiled = signatures.map((s) => new RegExp(s.re, s.flags));
  return {
    signatures,
    scan(text: string): LogScan {
      const hits: SignatureHit[] = [];
      const counts: Record<string, number> = {};
      const lines = text.split('\n');
      if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
      lines.forEach((full, index) => {
        let line = full.length > MAX_LINE_CHARS ? full.slice(0, MAX_LINE_CHARS) : full;
        if (line.endsWith('\r')) line = line.slice(0, -1);
        compiled.forEach((re, i) => {
          const m = re.exec(line);
          const sig = signatures[i];
          if (!m || !sig) return;
          counts[sig.id] = (counts[sig.id] ?? 0) + 1;
          hits.push({
            id: sig.id,
            line: index + 1,
            text: line.length > 400 ? `${line.slice(0, 400)}…` : line,
            groups: m.slice(1),
            named: m.groups ?? {},
          });
        });
      });
      const lineCount = text.length === 0 ? 0 : lines.length;
      return { hits, counts, lineCount, candidateLines: lineCount };
    },
  };
}
