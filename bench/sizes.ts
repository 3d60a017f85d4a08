/** How much each section does, full and quick (`--quick` keeps the whole run under about a minute). */
export interface Sizes {
  /** Jobs added as fast as they are taken, after a warm-up, for the saturation figures. */
  readonly floorJobs: number;
  readonly pipelineAlerts: number;
  readonly warmup: number;
  /** Seconds at the steady rate for the latency figures. */
  readonly steadySeconds: number;
  readonly steadyRate: number;
  /** Requests (or queue adds) in flight at once while saturating. */
  readonly inFlight: number;
  readonly storm: { readonly alerts: number; readonly services: number; readonly seconds: number };
  /** Rounds of the in-process core comparison and how long each side runs per round (the best round counts). */
  readonly coreRounds: number;
  readonly coreRoundMs: number;
  /** Corpus incidents the core rounds time (an even sample); all of them are checked for identical diagnoses. */
  readonly coreSample: number;
  readonly scanMegabytes: number;
  readonly scanRounds: number;
}

export const FULL: Sizes = {
  floorJobs: 20_000,
  pipelineAlerts: 5_000,
  warmup: 500,
  steadySeconds: 15,
  steadyRate: 200,
  inFlight: 32,
  storm: { alerts: 10_000, services: 100, seconds: 10 },
  coreRounds: 16,
  coreRoundMs: 600,
  coreSample: 300,
  scanMegabytes: 50,
  scanRounds: 5,
};

export const QUICK: Sizes = {
  floorJobs: 5_000,
  pipelineAlerts: 1_500,
  warmup: 300,
  steadySeconds: 4,
  steadyRate: 200,
  inFlight: 32,
  storm: { alerts: 3_000, services: 100, seconds: 3 },
  coreRounds: 8,
  coreRoundMs: 300,
  coreSample: 150,
  scanMegabytes: 10,
  scanRounds: 5,
};
