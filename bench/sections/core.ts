import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShellQuote } from '../../src/adapters/shell/create-shell-quote.js';
import { runBatch } from '../../src/cli/commands/diagnose.js';
import { loadCore } from '../../src/compose.js';
import { createDiagnosisCore, type DiagnosisCore } from '../../src/core/diagnose.js';
import { BatchLineSchema, type Incident, unwrapBatchLine } from '../../src/core/model/incident.js';
import { createReferenceEvaluator } from '../../src/core/rules/evaluate-rules.js';
import { createNaiveLogScanner } from '../naive.js';
import { CATALOGUE_FILE, CORPORA, RULES_DIR } from '../paths.js';
import type { Sizes } from '../sizes.js';
import { nowMs } from '../stats.js';

/**
 * The core in process, as `diagnose --batch` runs it, on the corpus incidents: the shipped core against a
 * naive one built from the same parts, except that it evaluates every rule in one fresh json-rules-engine
 * Engine per diagnosis (the engine's own path resolver) and scans logs with every signature regex on every
 * line. They must give identical diagnoses on every corpus incident. The timing runs on an even sample of
 * the corpus (`Sizes.coreSample`; the naive side takes milliseconds per incident, so whole passes over a
 * corpus of thousands would make every round many seconds long): the two take turns on the same sample in
 * the same process, many short rounds each, and the best round of each side counts.
 */

export interface CoreResult {
  readonly incidents: number;
  /** Incidents in the timed sample (every one of `incidents` is checked for identical diagnoses). */
  readonly timed: number;
  readonly corpora: readonly string[];
  readonly identical: boolean;
  readonly perSecond: number;
  readonly usPerDiagnosis: number;
  readonly naive: { readonly perSecond: number; readonly usPerDiagnosis: number };
  /** `runBatch` over the corpus files: JSON lines in, validation, diagnosis, JSON lines out. */
  readonly batch: { readonly perSecond: number; readonly naivePerSecond: number };
  readonly rounds: number;
}

function corpusFiles(): string[] {
  const env = process.env.RESET_DOCTOR_CORPUS;
  const candidates = env ? [env, ...CORPORA] : CORPORA;
  const found = candidates.filter((f) => existsSync(f));
  // The dev corpus may be reachable by two paths; keep one copy of each file name.
  const byName = new Map<string, string>();
  for (const f of found) if (!byName.has(f.split('/').pop() ?? f)) byName.set(f.split('/').pop() ?? f, f);
  return [...byName.values()];
}

async function readIncidents(files: readonly string[]): Promise<Incident[]> {
  const out: Incident[] = [];
  for (const f of files) {
    for (const line of (await readFile(f, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      out.push(unwrapBatchLine(BatchLineSchema.parse(JSON.parse(line))));
    }
  }
  return out;
}

/** Diagnoses the incidents over and over for about `ms`; microseconds per diagnosis. */
async function timeDiagnoses(
  core: DiagnosisCore,
  incidents: readonly Incident[],
  ms: number,
): Promise<number> {
  const t0 = nowMs();
  let n = 0;
  do {
    for (const incident of incidents) await core.diagnose(incident);
    n += incidents.length;
  } while (nowMs() - t0 < ms);
  return ((nowMs() - t0) * 1000) / n;
}

/** An even sample of at most `n` incidents, in corpus order. */
export function evenSample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)] as T);
}

async function timeBatch(core: DiagnosisCore, files: readonly string[], ms: number): Promise<number> {
  const t0 = nowMs();
  let n = 0;
  const discard = async () => undefined;
  do {
    for (const f of files) n += (await runBatch(core, f, discard)).lines;
  } while (nowMs() - t0 < ms);
  return ((nowMs() - t0) * 1000) / n;
}

export async function runCore(sizes: Sizes): Promise<CoreResult> {
  const files = corpusFiles();
  if (files.length === 0) throw new Error('no corpus found (set RESET_DOCTOR_CORPUS)');
  const incidents = await readIncidents(files);
  const core = await loadCore({ rulesDir: RULES_DIR, catalogueFile: CATALOGUE_FILE });
  const naive = createDiagnosisCore({
    ruleSet: core.ruleSet,
    catalogue: core.catalogue,
    quote: createShellQuote(),
    ...(core.overrides ? { overrides: core.overrides } : {}),
    evaluator: createReferenceEvaluator,
    scanner: createNaiveLogScanner(),
  });
  let identical = true;
  for (const incident of incidents) {
    const [a, b] = [await core.diagnose(incident), await naive.diagnose(incident)];
    identical &&= JSON.stringify(a) === JSON.stringify(b);
  }
  const sample = evenSample(incidents, sizes.coreSample);
  const dir = await mkdtemp(join(tmpdir(), 'rd-bench-core-'));
  const sampleFile = join(dir, 'sample.jsonl');
  await writeFile(sampleFile, `${sample.map((i) => JSON.stringify(i)).join('\n')}\n`);
  const fast: number[] = [];
  const slow: number[] = [];
  const batchFast: number[] = [];
  const batchSlow: number[] = [];
  for (let round = 0; round < sizes.coreRounds; round++) {
    // Take turns, starting with the other side every round, so drift on the machine hits both alike.
    const order = round % 2 === 0 ? [core, naive] : [naive, core];
    for (const c of order) (c === core ? fast : slow).push(await timeDiagnoses(c, sample, sizes.coreRoundMs));
    for (const c of order)
      (c === core ? batchFast : batchSlow).push(await timeBatch(c, [sampleFile], sizes.coreRoundMs / 2));
  }
  await rm(dir, { recursive: true, force: true });
  // The best round of each side: on a shared machine, the least disturbed measurement of each.
  const us = Math.min(...fast);
  const naiveUs = Math.min(...slow);
  return {
    incidents: incidents.length,
    timed: sample.length,
    corpora: files,
    identical,
    perSecond: 1e6 / us,
    usPerDiagnosis: us,
    naive: { perSecond: 1e6 / naiveUs, usPerDiagnosis: naiveUs },
    batch: { perSecond: 1e6 / Math.min(...batchFast), naivePerSecond: 1e6 / Math.min(...batchSlow) },
    rounds: sizes.coreRounds,
  };
}
