import type { BenchOptions } from './options.js';
import type { Row } from './report.js';
import type { CoreResult } from './sections/core.js';
import type { PipelineResult } from './sections/pipeline.js';
import type { FloorResult } from './sections/queue-floor.js';
import type { ScanResult } from './sections/scan.js';
import type { StormResult } from './sections/storm.js';
import { FULL, type Sizes } from './sizes.js';

export interface SectionResults {
  floor?: FloorResult;
  pipeline?: PipelineResult;
  core?: CoreResult;
  scan?: ScanResult;
  storm?: StormResult;
}

/** The targets of the benchmark issue, in one place. */
export const TARGETS = {
  pipelineShareOfFloor: 0.25,
  pipelineP99Ms: 20,
  coreSpeedup: 20,
  scanMbPerS: 250,
  scanSpeedup: 3,
  stormDrainS: 30,
  stormAnswers: 100,
  workerRssMb: 200,
} as const;

const target = (text: string, met: boolean) => ({ text, met });
const ms = (v: number) => `${v.toFixed(3)} ms`;

/** CPU the system spends on one alert or job: everything but the load generator. */
function systemCpu(c: {
  readonly worker: number;
  readonly redis: number;
  readonly intake?: number;
  readonly producer?: number;
}): number {
  return c.worker + c.redis + (c.intake ?? 0) + (c.producer ?? 0);
}

/** The table's rows: each figure with its same-run baseline, the ratio and the target. */
export function buildRows(r: SectionResults, sizes: Sizes, options: BenchOptions): Row[] {
  const rows: Row[] = [];
  const { floor, pipeline, core, scan, storm } = r;
  if (floor) {
    rows.push(
      {
        section: 'queue-floor',
        measure: `throughput, concurrency ${options.concurrency}`,
        value: floor.perSecond,
        unit: 'jobs/s',
        note: `bare BullMQ, no-op processor: ${floor.jobs} jobs added ${sizes.inFlight} at a time while the worker drains`,
      },
      {
        section: 'queue-floor',
        measure: `add-to-taken p50 at ${floor.latency.rate}/s`,
        value: floor.latency.p50Ms,
        unit: 'ms',
      },
      {
        section: 'queue-floor',
        measure: `add-to-taken p99 at ${floor.latency.rate}/s`,
        value: floor.latency.p99Ms,
        unit: 'ms',
      },
    );
  }
  if (pipeline) {
    const share = floor ? pipeline.perSecond / floor.perSecond : undefined;
    rows.push(
      {
        section: 'pipeline',
        measure: 'throughput at saturation',
        value: pipeline.perSecond,
        unit: 'alerts/s',
        ...(floor ? { baseline: { label: 'queue floor', value: floor.perSecond, unit: 'jobs/s' } } : {}),
        ...(share === undefined
          ? {}
          : {
              ratio: share,
              target: target(
                `>= ${TARGETS.pipelineShareOfFloor * 100} % of floor`,
                share >= TARGETS.pipelineShareOfFloor,
              ),
            }),
        note: `webhook -> answer for ${pipeline.alerts} alerts; the intake alone accepted ${Math.round(pipeline.intakePerSecond)}/s meanwhile`,
      },
      {
        section: 'pipeline',
        measure: 'CPU per alert (intake + worker + Redis)',
        value: systemCpu(pipeline.cpuPerAlertMs),
        unit: 'ms',
        ...(floor
          ? {
              baseline: { label: 'queue floor per job', value: systemCpu(floor.cpuPerJobMs), unit: 'ms' },
              ratio: systemCpu(pipeline.cpuPerAlertMs) / systemCpu(floor.cpuPerJobMs),
            }
          : {}),
        note: `intake ${ms(pipeline.cpuPerAlertMs.intake)}, worker ${ms(pipeline.cpuPerAlertMs.worker)}, Redis ${ms(pipeline.cpuPerAlertMs.redis)} (every client of the shared server), HTTP load generator ${ms(pipeline.cpuPerAlertMs.client)}${floor ? `; floor: producer ${ms(floor.cpuPerJobMs.producer)}, worker ${ms(floor.cpuPerJobMs.worker)}, Redis ${ms(floor.cpuPerJobMs.redis)}` : ''}`,
      },
      {
        section: 'pipeline',
        measure: `add-to-answer p50 at ${pipeline.latency.rate}/s`,
        value: pipeline.latency.p50Ms,
        unit: 'ms',
        ...(floor
          ? {
              baseline: { label: 'queue floor', value: floor.latency.p50Ms, unit: 'ms' },
              ratio: pipeline.latency.p50Ms / floor.latency.p50Ms,
            }
          : {}),
      },
      {
        section: 'pipeline',
        measure: `add-to-answer p99 at ${pipeline.latency.rate}/s`,
        value: pipeline.latency.p99Ms,
        unit: 'ms',
        ...(floor
          ? {
              baseline: { label: 'queue floor', value: floor.latency.p99Ms, unit: 'ms' },
              ratio: pipeline.latency.p99Ms / floor.latency.p99Ms,
            }
          : {}),
        target: target(`<= ${TARGETS.pipelineP99Ms} ms`, pipeline.latency.p99Ms <= TARGETS.pipelineP99Ms),
      },
    );
  }
  if (core) {
    const ratio = core.perSecond / core.naive.perSecond;
    rows.push(
      {
        section: 'core',
        measure:
          core.timed < core.incidents
            ? `diagnoses in process (${core.timed} of ${core.incidents} corpus incidents)`
            : `diagnoses in process (${core.incidents} corpus incidents)`,
        value: core.perSecond,
        unit: '/s',
        baseline: { label: 'naive', value: core.naive.perSecond, unit: '/s' },
        ratio,
        target: target(`>= ${TARGETS.coreSpeedup}x naive`, ratio >= TARGETS.coreSpeedup),
        note: `${core.usPerDiagnosis.toFixed(0)} us per diagnosis (naive ${core.naive.usPerDiagnosis.toFixed(0)} us); diagnoses identical to the naive ones: ${core.identical ? 'yes' : 'NO'}`,
      },
      {
        section: 'core',
        measure: 'diagnose --batch (JSON lines in and out)',
        value: core.batch.perSecond,
        unit: '/s',
        baseline: { label: 'naive', value: core.batch.naivePerSecond, unit: '/s' },
        ratio: core.batch.perSecond / core.batch.naivePerSecond,
      },
    );
  }
  if (scan) {
    const ratio = scan.mbPerSecond / scan.naive.mbPerSecond;
    rows.push({
      section: 'scan',
      measure: `log scanning (${scan.megabytes} MB mixed log)`,
      value: scan.mbPerSecond,
      unit: 'MB/s',
      baseline: { label: 'regex per pattern per line', value: scan.naive.mbPerSecond, unit: 'MB/s' },
      ratio,
      target: target(
        `>= ${TARGETS.scanMbPerS} MB/s and >= ${TARGETS.scanSpeedup}x`,
        scan.mbPerSecond >= TARGETS.scanMbPerS && ratio >= TARGETS.scanSpeedup,
      ),
      note: `${scan.hits} signature hits on ${scan.lines.toLocaleString('en-US')} lines, the same as the baseline's: ${scan.identical ? 'yes' : 'NO'}`,
    });
  }
  if (storm) {
    // A smaller storm (--quick) gets the drain target scaled to its size.
    const scale = storm.alerts / FULL.storm.alerts;
    const drainTarget = TARGETS.stormDrainS * scale;
    rows.push(
      {
        section: 'storm',
        measure: `time to drain ${storm.alerts} alerts over ${storm.services} services`,
        value: storm.drainSeconds,
        unit: 's',
        ...(floor
          ? {
              baseline: {
                label: 'at the queue floor rate',
                value: storm.alerts / floor.perSecond,
                unit: 's',
              },
              ratio: storm.drainSeconds / (storm.alerts / floor.perSecond),
            }
          : {}),
        target: target(`<= ${Number(drainTarget.toFixed(1))} s`, storm.drainSeconds <= drainTarget),
        note: `posted in ${storm.postSeconds.toFixed(1)} s (planned ${sizes.storm.seconds} s)`,
      },
      {
        section: 'storm',
        measure: 'answers that reached the notifier',
        value: storm.answers,
        unit: '',
        baseline: { label: 'alerts', value: storm.alerts, unit: '' },
        ratio: storm.answers / storm.alerts,
        target: target(`<= ${TARGETS.stormAnswers}`, storm.answers <= TARGETS.stormAnswers),
        note: 'first deliveries: one answer per service once alerts coalesce',
      },
      {
        section: 'storm',
        measure: 'updates of answers already delivered',
        value: storm.updates,
        unit: '',
        baseline: { label: 'alerts joining an answer', value: storm.alerts - storm.answers, unit: '' },
        ratio: storm.updates / Math.max(1, storm.alerts - storm.answers),
        note: `${storm.deferred} changes left to ${storm.followUps} follow-ups (ANSWER_UPDATE_INTERVAL_S); every answer showed its last state ${storm.settleSeconds.toFixed(1)} s after the first alert`,
      },
    );
  }
  if (pipeline) {
    rows.push({
      section: 'memory',
      measure: 'worker peak RSS during the pipeline run',
      value: pipeline.worker.peakMb,
      unit: 'MiB',
      ...(floor
        ? {
            baseline: { label: 'bare BullMQ worker', value: floor.worker.peakMb, unit: 'MiB' },
            ratio: pipeline.worker.peakMb / floor.worker.peakMb,
          }
        : {}),
      target: target(`<= ${TARGETS.workerRssMb} MiB`, pipeline.worker.peakMb <= TARGETS.workerRssMb),
      note: `${pipeline.worker.idleMb.toFixed(0)} MiB right after start (rules loaded)${storm ? `; ${storm.worker.peakMb.toFixed(0)} MiB peak in the storm` : ''}`,
    });
  }
  return rows;
}
