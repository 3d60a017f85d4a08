import { formatDuration } from '../core/render/format-duration.js';
import type { IncidentRecord } from './diagnosis-store.js';
import type { Answer } from './notifier.js';

export { formatDuration };

/** The answer a notifier shows for a stored incident that has its diagnosis. */
export function answerOf(record: IncidentRecord & Required<Pick<IncidentRecord, 'diagnosis'>>): Answer {
  const groups = Object.values(record.groups);
  const names = [...new Set(groups.flatMap((g) => g.names))].sort();
  const total = groups.reduce((n, g) => n + g.alerts, 0);
  const firing = groups.reduce((n, g) => n + (g.status === 'firing' ? g.firing : 0), 0);
  const starts = groups.flatMap((g) => (g.startsAt === undefined ? [] : [g.startsAt]));
  const firstStart = starts.length > 0 ? Math.min(...starts) : record.createdAt;
  const resolvedAfterS =
    record.status === 'resolved' && record.resolvedAt !== undefined
      ? Math.max(0, (record.resolvedAt - firstStart) / 1000)
      : undefined;
  const subject = record.subject ?? {};
  const top = record.diagnosis.hypotheses[0];
  const who = subject.service ?? subject.peer ?? subject.instance ?? record.incidentId;
  const parts = [
    `${who}: ${top ? `${top.cause}${top.variant ? ` (${top.variant})` : ''} ${Math.round(top.confidence * 100)} %` : 'no cause stands out'}`,
  ];
  if (groups.length > 0) {
    parts.push(
      `${total} alert${total === 1 ? '' : 's'}${names.length > 0 ? ` (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})` : ''}${groups.length > 1 ? ` in ${groups.length} groups` : ''}${record.status === 'open' && firing < total ? `, ${firing} still firing` : ''}`,
    );
  }
  if (resolvedAfterS !== undefined) parts.push(`resolved after ${formatDuration(resolvedAfterS)}`);
  return {
    incidentId: record.incidentId,
    source: record.source,
    status: record.status,
    createdAt: record.createdAt,
    diagnosis: record.diagnosis,
    ...(record.incident === undefined ? {} : { incident: record.incident }),
    subject,
    alerts: { total, firing, groups: groups.length, names },
    ...(resolvedAfterS === undefined ? {} : { resolvedAfterS }),
    ...(record.reply === undefined ? {} : { reply: record.reply }),
    summary: parts.join(' — '),
  };
}
