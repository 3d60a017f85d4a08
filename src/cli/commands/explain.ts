import type { DiagnosisCore } from '../../core/diagnose.js';
import { resolveCause } from '../../core/model/cause-aliases.js';
import { CAUSES } from '../../core/model/causes.js';
import type { Incident } from '../../core/model/incident.js';
import { renderWhyNotText } from '../../core/render/render-why-not.js';
import { ResetDoctorError } from '../../errors.js';
import type { Format } from './diagnose.js';

/** `diagnose --explain CAUSE`: why the cause ranked where it did, rule by rule, condition by condition. */
export async function explainCause(
  core: DiagnosisCore,
  incident: Incident,
  asked: string,
  format: Format,
  color: boolean,
): Promise<string> {
  const cause = resolveCause(asked);
  if (!cause)
    throw new ResetDoctorError(
      'BAD_USAGE',
      `--explain: "${asked}" is not a cause or a known alias; causes: ${CAUSES.join(', ')}`,
    );
  const w = await core.whyNot(incident, cause);
  if (format === 'json') return `${JSON.stringify(w)}\n`;
  const text = renderWhyNotText(w, { color: format === 'text' && color });
  if (format !== 'markdown') return text;
  const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((m) => m.length + 1)));
  return `${fence}\n${text}${fence}\n`;
}
