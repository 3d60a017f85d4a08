import type { Diagnosis } from '../../src/core/model/diagnosis.js';

/** A diagnosis with no hypotheses (everything unexplained): a stand-in where its content does not matter. */
export function emptyDiagnosis(over: Partial<Diagnosis> = {}): Diagnosis {
  return {
    incidentId: 'inc-1',
    hypotheses: [],
    ruledOut: [],
    unexplained: 1,
    facts: {},
    warnings: [],
    degraded: false,
    rulesVersion: '0123456789ab',
    ...over,
  };
}
