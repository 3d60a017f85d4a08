import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from bench/ (tsx) or dist-bench/bench/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (package.json)');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
export const BENCH_DIR = join(ROOT, 'bench');
export const RESULTS_FILE = join(BENCH_DIR, 'results.json');
/** The shipped rules and catalogue (the compiled copy in dist-bench/ has none next to it). */
export const RULES_DIR = join(ROOT, 'rules');
export const CATALOGUE_FILE = join(ROOT, 'catalogue', 'metrics.json');
export const RECORDED_METRICS_FILE = join(BENCH_DIR, 'fixtures', 'recorded-metrics.json');
export const CORPORA = [
  join(ROOT, '..', 'shared', 'corpus', 'dev.jsonl'),
  '/work/shared/corpus/dev.jsonl',
  join(ROOT, 'test', 'corpus', 'holdout.jsonl'),
  join(ROOT, 'test', 'corpus', 'threads.jsonl'),
];
