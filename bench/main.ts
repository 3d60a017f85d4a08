import { writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { parseOptions } from './options.js';
import { RESULTS_FILE } from './paths.js';
import { redisVersion } from './redis.js';
import { formatTable, type Results, ResultsSchema, type Row } from './report.js';
import { buildRows, type SectionResults } from './rows.js';
import { runCore } from './sections/core.js';
import { runPipeline } from './sections/pipeline.js';
import { runQueueFloor } from './sections/queue-floor.js';
import { runScan } from './sections/scan.js';
import { runStorm } from './sections/storm.js';
import { FULL, QUICK } from './sizes.js';

/**
 * `npm run bench [-- --quick]`: measures each figure next to a baseline taken in the same run (the machine
 * is shared and noisy, so absolute numbers mean little on their own), writes bench/results.json and
 * prints the table. Nothing here asserts speed; the targets are reported, met or not.
 */

async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv, RESULTS_FILE);
  } catch (e) {
    const help = e instanceof Error && 'help' in e;
    console.error(e instanceof Error ? e.message : String(e));
    return help ? 0 : 2;
  }
  const sizes = options.quick ? QUICK : FULL;
  const started = Date.now();
  const load = loadavg()[0] ?? 0;
  const only = new Set(options.only);
  const results: SectionResults = {};
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    process.stderr.write(`${name} ...`);
    const out = await run();
    process.stderr.write(` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    return out;
  };
  // The scan first: after the core section (thousands of diagnoses, two cores' worth of rules and engines)
  // the same process scanned several times slower on both sides, the naive one most (0.6 against 4.6 MB/s).
  if (only.has('scan')) results.scan = await step('scan', () => runScan(sizes));
  if (only.has('core')) results.core = await step('core', () => runCore(sizes));
  if (only.has('queue-floor') || only.has('pipeline'))
    results.floor = await step('queue floor', () => runQueueFloor(options, sizes));
  if (only.has('pipeline') || only.has('memory'))
    results.pipeline = await step('pipeline', () => runPipeline(options, sizes));
  if (only.has('storm')) results.storm = await step('storm', () => runStorm(options, sizes));

  const rows: Row[] = buildRows(results, sizes, options).filter((r) => only.has(r.section));
  const report: Results = ResultsSchema.parse({
    version: 1,
    quick: options.quick,
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      redis: await redisVersion(),
      loadAverage: { start: load, end: loadavg()[0] ?? 0 },
    },
    settings: {
      concurrency: options.concurrency,
      logLevel: options.logLevel,
      sections: options.only.join(','),
    },
    rows,
    details: { ...results },
  });
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatTable(report));
  console.log(`\nwrote ${options.out}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
