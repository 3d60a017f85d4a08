import type { Diagnosis } from '../core/model/diagnosis.js';
import type { DiagnosisRequest } from './diagnosis-requests.js';

/**
 * Port: answers kept for a while after they were given, so a thread can ask "why not <cause>?" and a
 * feedback vote can redraw the answer with who confirmed it.
 */

export interface ArchivedAnswer {
  readonly request: DiagnosisRequest;
  readonly diagnosis: Diagnosis;
  /** The message that shows the answer, once posted. */
  readonly message?: { readonly channel: string; readonly ts: string };
}

export interface AnswerArchive {
  save(answer: ArchivedAnswer): Promise<void>;
  byIncident(incidentId: string): Promise<ArchivedAnswer | undefined>;
  /** Remembers that a thread discusses an incident (the latest answer in a thread wins). */
  linkThread(channel: string, threadTs: string, incidentId: string): Promise<void>;
  byThread(channel: string, threadTs: string): Promise<ArchivedAnswer | undefined>;
}
