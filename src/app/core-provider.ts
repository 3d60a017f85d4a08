import type { DiagnosisCore } from '../core/diagnose.js';

/**
 * The diagnosis core to use for the next job. The worker asks for it once per job, so a rule reload can
 * swap the core between jobs without touching jobs in flight.
 */
export type CoreProvider = () => DiagnosisCore;
