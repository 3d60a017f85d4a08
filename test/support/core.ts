import { loadCore } from '../../src/compose.js';
import type { DiagnosisCore } from '../../src/core/diagnose.js';

let shared: Promise<DiagnosisCore> | undefined;

/** The core with the bundled rules and catalogue, built once per test file. */
export function bundledCore(): Promise<DiagnosisCore> {
  shared ??= loadCore();
  return shared;
}
