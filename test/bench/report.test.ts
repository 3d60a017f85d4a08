import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options.js';
import { formatRatio, formatTable, type Results, ResultsSchema } from '../../bench/report.js';
import { buildRows } from '../../bench/rows.js';
import { type CoreResult, evenSample } from '../../bench/sections/core.js';
import { FULL, QUICK } from '../../bench/sizes.js';
import { percentile } from '../../bench/stats.js';

/** The benchmark's smallest units, so the harness cannot rot while nobody runs it. */

const options = parseOptions([], 'bench/results.json');

function results(rows: Results['rows']): Results {
  return ResultsSchema.parse({
    version: 1,
    quick: true,
    startedAt: '2026-11-24T10:00:00.000Z',
    durationS: 42,
    machine: { cpus: 2, cpuModel: 'test cpu', node: 'v20', redis: '7.0', loadAverage: { start: 1, end: 2 } },
    settings: { concurrency: 8 },
    rows,
    details: {},
  });
}

const CORE: CoreResult = {
  incidents: 101,
  timed: 101,
  corpora: ['dev.jsonl'],
  identical: true,
  perSecond: 10_000,
  usPerDiagnosis: 100,
  naive: { perSecond: 400, usPerDiagnosis: 2500 },
  batch: { perSecond: 5000, naivePerSecond: 380 },
  rounds: 3,
};

const latency = (p50Ms: number, p99Ms: number) => ({ rate: 200, count: 800, p50Ms, p99Ms, maxMs: p99Ms });

describe('bench report', () => {
  it('builds rows with same-run baselines, ratios and targets, and the table shows them', () => {
    const rows = buildRows(
      {
        floor: {
          jobs: 5000,
          seconds: 1,
          perSecond: 4000,
          latency: latency(1, 3),
          worker: { idleMb: 60, peakMb: 80 },
          cpuPerJobMs: { worker: 0.1, producer: 0.05, redis: 0.05 },
        },
        pipeline: {
          alerts: 1500,
          seconds: 1.5,
          perSecond: 1200,
          intakePerSecond: 2000,
          latency: latency(4, 25),
          worker: { idleMb: 90, peakMb: 150 },
          intake: { peakMb: 90 },
          cpuPerAlertMs: { worker: 0.5, intake: 0.25, client: 0.1, redis: 0.25 },
        },
        core: CORE,
        scan: {
          megabytes: 10,
          lines: 75_000,
          hits: 500,
          identical: true,
          mbPerSecond: 300,
          naive: { mbPerSecond: 20 },
          rounds: 3,
        },
        storm: {
          alerts: 3000,
          services: 100,
          postSeconds: 3,
          drainSeconds: 5,
          settleSeconds: 14,
          answers: 100,
          updates: 290,
          deferred: 2610,
          followUps: 200,
          worker: { peakMb: 160 },
        },
      },
      QUICK,
      options,
    );
    const byMeasure = (section: string, measure: RegExp) =>
      rows.find((r) => r.section === section && measure.test(r.measure));
    expect(byMeasure('pipeline', /throughput/)).toMatchObject({ ratio: 0.3, target: { met: true } });
    expect(byMeasure('pipeline', /p99/)).toMatchObject({ value: 25, target: { met: false } });
    expect(byMeasure('core', /in process/)).toMatchObject({ ratio: 25, target: { met: true } });
    expect(byMeasure('scan', /scanning/)).toMatchObject({ ratio: 15, target: { met: true } });
    // The quick storm is smaller: its drain target is scaled (30 s for 10,000 alerts -> 9 s for 3,000).
    expect(byMeasure('storm', /drain/)?.target).toEqual({ text: '<= 9 s', met: true });
    // Deliveries and updates are separate figures; updates against the alerts that joined an answer.
    expect(byMeasure('storm', /answers that reached/)).toMatchObject({ value: 100 });
    expect(byMeasure('storm', /updates/)).toMatchObject({
      value: 290,
      baseline: { value: 2900 },
      ratio: 0.1,
    });
    expect(byMeasure('storm', /updates/)?.note).toMatch(/2610 changes left to 200 follow-ups/);
    expect(byMeasure('memory', /RSS/)).toMatchObject({
      value: 150,
      baseline: { value: 80 },
      target: { met: true },
    });

    const table = formatTable(results(rows));
    expect(table).toContain('1,200 alerts/s');
    expect(table).toContain('4,000 jobs/s queue floor');
    expect(table).toMatch(/add-to-answer p99 at 200\/s +25.0 ms .* <= 20 ms +MISSED/);
    expect(table).toContain('targets met: 6 of 7');
    expect(table.split('\n').filter((l) => l.startsWith('core')).length).toBe(2);
    expect(byMeasure('core', /in process/)?.measure).toBe('diagnoses in process (101 corpus incidents)');
    // CPU per alert against the floor's per job: 1 ms against 0.2 ms.
    expect(byMeasure('pipeline', /CPU/)).toMatchObject({ value: 1, baseline: { value: 0.2 }, ratio: 5 });
  });

  it('names the timed sample of the corpus when the core timed fewer incidents than it checked', () => {
    const rows = buildRows({ core: { ...CORE, timed: 50 } }, QUICK, options);
    expect(rows.find((r) => r.section === 'core' && /in process/.test(r.measure))?.measure).toBe(
      'diagnoses in process (50 of 101 corpus incidents)',
    );
    expect(evenSample([...Array(10).keys()], 4)).toEqual([0, 2, 5, 7]);
    expect(evenSample([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('leaves out what was not measured and the baselines it could not take', () => {
    const rows = buildRows(
      {
        pipeline: {
          alerts: 10,
          seconds: 1,
          perSecond: 10,
          intakePerSecond: 10,
          latency: latency(1, 2),
          worker: { idleMb: 1, peakMb: 2 },
          intake: { peakMb: 1 },
          cpuPerAlertMs: { worker: 1, intake: 1, client: 1, redis: 1 },
        },
      },
      FULL,
      options,
    );
    expect(rows.map((r) => r.section)).toEqual(['pipeline', 'pipeline', 'pipeline', 'pipeline', 'memory']);
    expect(rows[0]?.baseline).toBeUndefined();
    expect(rows[0]?.target).toBeUndefined();
  });

  it('rejects results that do not follow the schema', () => {
    expect(() => results([{ section: 'nope', measure: 'x', value: 1, unit: '' } as never])).toThrow();
    expect(ResultsSchema.safeParse({ version: 2 }).success).toBe(false);
  });

  it('formats ratios as shares below 1 and multiples above', () => {
    expect(formatRatio(0.0937)).toBe('9.37 %');
    expect(formatRatio(24.2)).toBe('24.2x');
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('reads its options and refuses unknown sections', () => {
    expect(parseOptions(['--quick', '--only', 'core,scan'], 'out.json')).toMatchObject({
      quick: true,
      only: ['core', 'scan'],
      concurrency: 8,
    });
    expect(() => parseOptions(['--only', 'bogus'], 'out.json')).toThrow(/unknown section/);
    expect(() => parseOptions(['--concurrency', '0'], 'out.json')).toThrow(/concurrency/);
  });
});
