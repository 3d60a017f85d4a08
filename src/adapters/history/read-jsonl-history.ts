import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { DiagnosisHistory, PastIncident } from '../../app/diagnosis-history.js';
import { CAUSES } from '../../core/model/causes.js';
import { IncidentSchema } from '../../core/model/incident.js';
import { ResetDoctorError } from '../../errors.js';

const LabelSchema = z.object({ primary: z.enum(CAUSES), secondary: z.enum(CAUSES).nullish() }).passthrough();

/** A corpus line `{id, input, label}`; any other line is a plain incident (with an optional `id`). */
const CorpusLineSchema = z
  .object({ id: z.string().max(128).optional(), input: IncidentSchema, label: LabelSchema.optional() })
  .passthrough();

function toPast(raw: unknown, lineNo: number): PastIncident | z.ZodError {
  if (raw !== null && typeof raw === 'object' && 'input' in raw) {
    const c = CorpusLineSchema.safeParse(raw);
    if (!c.success) return c.error;
    return {
      id: c.data.id ?? c.data.input.id ?? `line-${lineNo}`,
      incident: c.data.input,
      ...(c.data.label
        ? { label: { primary: c.data.label.primary, secondary: c.data.label.secondary ?? null } }
        : {}),
    };
  }
  const p = IncidentSchema.safeParse(raw);
  if (!p.success) return p.error;
  return { id: p.data.id ?? `line-${lineNo}`, incident: p.data };
}

/**
 * Past incidents from a JSONL file: the labelled corpus format (DESIGN §7) or one plain incident per line.
 * A line that is not an incident stops the read with its line number (the file is the user's to fix).
 */
export function createJsonlHistory(file: string): DiagnosisHistory {
  return {
    name: basename(file),
    async *list(options = {}) {
      const input = createReadStream(file, { encoding: 'utf8' });
      await new Promise<void>((resolve, reject) => {
        input.once('open', () => resolve());
        input.once('error', (e) =>
          reject(
            new ResetDoctorError('BAD_INPUT', `cannot read incidents ${file}: ${e.message}`, { cause: e }),
          ),
        );
      });
      const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      let lineNo = 0;
      let yielded = 0;
      for await (const line of rl) {
        lineNo++;
        if (line.trim() === '') continue;
        if (options.limit !== undefined && yielded >= options.limit) break;
        let raw: unknown;
        try {
          raw = JSON.parse(line) as unknown;
        } catch (e) {
          throw new ResetDoctorError('BAD_INPUT', `${file}:${lineNo}: invalid JSON: ${(e as Error).message}`);
        }
        const past = toPast(raw, lineNo);
        if (past instanceof z.ZodError) {
          const issue = past.issues[0];
          throw new ResetDoctorError(
            'BAD_INPUT',
            `${file}:${lineNo}: not an incident: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
          );
        }
        yielded++;
        yield past;
      }
    },
  };
}
