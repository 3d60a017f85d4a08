import { z } from 'zod';

/**
 * Alertmanager webhook payloads (version 4) or a single alert object from one, turned into facts:
 * the alert names, status, labels that identify the service, and mechanism classes that common alert
 * rules of node_exporter, kube-state-metrics, cAdvisor, Envoy/Istio, nginx-ingress, HAProxy, cloud NAT and
 * database exporters point at.
 */

const Labels = z.record(z.string().max(256), z.string().max(4096));

export const AlertSchema = z
  .object({
    status: z.enum(['firing', 'resolved']).optional(),
    labels: Labels,
    annotations: Labels.optional(),
    startsAt: z.string().max(64).optional(),
    endsAt: z.string().max(64).optional(),
    generatorURL: z.string().max(4096).optional(),
    fingerprint: z.string().max(128).optional(),
  })
  .passthrough();

export const AlertmanagerPayloadSchema = z
  .object({
    version: z.string().max(8).optional(),
    groupKey: z.string().max(4096).optional(),
    truncatedAlerts: z.number().int().min(0).optional(),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string().max(1024).optional(),
    groupLabels: Labels.optional(),
    commonLabels: Labels.optional(),
    commonAnnotations: Labels.optional(),
    externalURL: z.string().max(4096).optional(),
    alerts: z.array(AlertSchema).min(1).max(10_000),
  })
  .passthrough();

export type Alert = z.infer<typeof AlertSchema>;
export type AlertmanagerPayload = z.infer<typeof AlertmanagerPayloadSchema>;

export interface AlertFacts {
  readonly names: readonly string[];
  readonly status: 'firing' | 'resolved';
  readonly count: number;
  readonly firing: number;
  readonly severity?: string;
  readonly classes: readonly string[];
  /** Annotation text and alert names as words, for the words parser. */
  readonly text: string;
  /** Text that may quote errors (annotations, `code`/`error`/`reason` label values), for the log scanner. */
  readonly errorText: string;
  readonly identity: Readonly<Record<string, string>>;
  readonly startsAt?: string;
  readonly groupKey?: string;
}

const NAME_CLASSES: readonly { re: RegExp; classes: readonly string[] }[] = [
  { re: /oom|outofmemory|memorykill/i, classes: ['oom'] },
  { re: /crashloop|crashing|backoff/i, classes: ['crash-loop'] },
  { re: /restart/i, classes: ['restarts'] },
  { re: /conntrack/i, classes: ['conntrack-full'] },
  {
    re: /filedescriptor|fdexhaust|openfiles|fds?(?:limit|usage|exhaust)|toomanyopenfiles/i,
    classes: ['fd-exhausted'],
  },
  { re: /throttl/i, classes: ['cpu-throttling'] },
  { re: /highcpu|cpuusage|cpusaturat|cpuhigh|cpuload|hostcpu/i, classes: ['cpu-high'] },
  { re: /eventloop/i, classes: ['event-loop-lag'] },
  {
    re: /rollout|generationmismatch|replicasmismatch|deploymentreplicas|statefulsetupdate|podterminat/i,
    classes: ['rollout'],
  },
  {
    re: /networkreceiveerrs|networktransmiterrs|packetloss|retransmi|tcpretrans|networkerrors?|interfaceerrors|softnet|networkdrop|nicdrop/i,
    classes: ['packet-loss'],
  },
  { re: /nat.{0,20}(?:port|allocation)|portallocation|snat/i, classes: ['snat-exhausted'] },
  { re: /natidle|idletimeoutcount/i, classes: ['nat-idle-timeout'] },
  { re: /ephemeral|timewait|portexhaust/i, classes: ['port-exhausted'] },
  { re: /circuitbreak|overflow|pendingrequests|pendingoverflow/i, classes: ['overflow'] },
  {
    re: /5xx|errorrate|higherror|http5|servererror|50[234]|upstreamreset|badgateway|errorsratio|errorbudget/i,
    classes: ['gateway-error'],
  },
  { re: /connectionreset|tcpreset|outrsts|estabresets|econnreset|resets|tcprst/i, classes: ['resets'] },
  { re: /listenoverflow|listendrop|syncookie|acceptqueue|backlog|synflood/i, classes: ['listen-overflow'] },
  { re: /latency|slowrequest|duration|responsetime/i, classes: ['latency'] },
  {
    re: /toomanyconnections|maxconnections|connectionlimit|workerconnections|connectionsexhausted|connectionsnearlimit|maxconn/i,
    classes: ['proxy-conn-limit'],
  },
  {
    re: /targetdown|instancedown|endpointdown|notready|unreachable|nohealthy|noendpoints/i,
    classes: ['target-down'],
  },
  { re: /tcpmem|orphan|socketmemory/i, classes: ['tcp-memory'] },
  { re: /memorypressure|memoryhigh|highmemory|memoryusage|memorylimit/i, classes: ['memory-pressure'] },
  { re: /abortonclose|abortondata|payloadtoolarge|requestentitytoolarge|413/i, classes: ['body-too-large'] },
  { re: /handshake/i, classes: ['tls-handshake'] },
  { re: /goaway|http2reset|rststream|streamreset/i, classes: ['goaway'] },
  { re: /retrystorm|retryoverflow|highretr|retries/i, classes: ['retries'] },
  { re: /kubepodcrashlooping|kubecontainerwaiting/i, classes: ['crash-loop'] },
];

const LABEL_CLASSES: readonly { key: RegExp; value: RegExp; classes: readonly string[] }[] = [
  { key: /^reason$/i, value: /^OOMKilled$/, classes: ['oom'] },
  { key: /^reason$/i, value: /^CrashLoopBackOff$/, classes: ['crash-loop'] },
  { key: /^reason$/i, value: /^Error$/, classes: ['crash'] },
  { key: /^reason$/i, value: /^Completed$/, classes: ['shutdown'] },
  { key: /response_flags?$/i, value: /\bUO\b/, classes: ['overflow'] },
  { key: /response_flags?$/i, value: /\bUC\b/, classes: ['upstream-closed'] },
  { key: /response_flags?$/i, value: /\bUF\b/, classes: ['connect-failed'] },
  { key: /response_flags?$/i, value: /\bURX\b/, classes: ['retries-exhausted'] },
  { key: /response_flags?$/i, value: /\bDC\b/, classes: ['client-abort'] },
  { key: /response_flags?$/i, value: /\bUPE\b/, classes: ['protocol-error'] },
  { key: /^(?:status|code|response_code|status_code)$/i, value: /^50[234]$/, classes: ['gateway-error'] },
  { key: /^(?:status|code|response_code|status_code)$/i, value: /^413$/, classes: ['body-too-large'] },
  { key: /^(?:exit_?code|exitcode)$/i, value: /^137$/, classes: ['sigkill'] },
  { key: /^(?:exit_?code|exitcode)$/i, value: /^139$/, classes: ['crash'] },
  { key: /^(?:exit_?code|exitcode)$/i, value: /^143$/, classes: ['shutdown'] },
];

/** Labels whose values may quote an error string (a `code="EADDRNOTAVAIL"` label). */
const ERROR_LABELS = /^(?:code|error|err|errno|error_code|reason|message|msg|exception|signal|status_text)$/i;

/** Label names that identify what the alert is about, mapped to incident fields. */
const IDENTITY_LABELS: readonly [string, readonly string[]][] = [
  [
    'service',
    [
      'service',
      'app',
      'app_kubernetes_io_name',
      'destination_service_name',
      'destination_workload',
      'job',
      'deployment',
      'workload',
      'backend',
      'upstream',
    ],
  ],
  [
    'peer',
    [
      'peer',
      'destination_service',
      'upstream_service',
      'upstream_cluster',
      'cluster_name',
      'envoy_cluster_name',
      'target_service',
      'proxy',
      'server',
    ],
  ],
  [
    'namespace',
    ['namespace', 'kubernetes_namespace', 'exported_namespace', 'destination_workload_namespace'],
  ],
  ['pod', ['pod', 'pod_name', 'kubernetes_pod_name', 'exported_pod']],
  ['container', ['container', 'container_name']],
  ['node', ['node', 'kubernetes_node', 'nodename', 'hostname']],
  ['instance', ['instance']],
];

function splitCamel(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ');
}

/** Fills the identity fields not yet known from one label set, each from the first of its labels present. */
function addIdentity(identity: Record<string, string>, labels: Readonly<Record<string, string>>): void {
  for (const [field, keys] of IDENTITY_LABELS) {
    if (identity[field] !== undefined) continue;
    for (const k of keys) {
      const v = labels[k];
      if (v) {
        identity[field] = v;
        break;
      }
    }
  }
}

/**
 * The identity and alert names of a payload already validated against `AlertmanagerPayloadSchema`, read
 * as `parseAlert` reads them (group and common labels first, then each alert's), without validating it
 * again or looking for mechanisms.
 */
export function alertIdentity(payload: AlertmanagerPayload): {
  readonly identity: Readonly<Record<string, string>>;
  readonly names: readonly string[];
} {
  const identity: Record<string, string> = {};
  const names = new Set<string>();
  const common = { ...(payload.groupLabels ?? {}), ...(payload.commonLabels ?? {}) };
  for (const labels of [common, ...payload.alerts.map((a) => a.labels)]) {
    const name = labels.alertname;
    if (name !== undefined) names.add(name);
    addIdentity(identity, labels);
  }
  return { identity, names: [...names] };
}

export type AlertParse =
  | { readonly ok: true; readonly facts: AlertFacts }
  | { readonly ok: false; readonly error: string };

/** Accepts a whole webhook payload or a single alert. */
export function parseAlert(input: unknown): AlertParse {
  let alerts: Alert[];
  let status: 'firing' | 'resolved';
  let common: Record<string, string> = {};
  let commonAnnotations: Record<string, string> = {};
  let groupKey: string | undefined;
  const payload = AlertmanagerPayloadSchema.safeParse(input);
  if (payload.success) {
    alerts = payload.data.alerts;
    status = payload.data.status;
    common = { ...(payload.data.groupLabels ?? {}), ...(payload.data.commonLabels ?? {}) };
    commonAnnotations = payload.data.commonAnnotations ?? {};
    groupKey = payload.data.groupKey;
  } else {
    const single = AlertSchema.safeParse(input);
    if (!single.success) {
      const issue = payload.error.issues[0];
      return {
        ok: false,
        error: `alert is neither an Alertmanager payload nor an alert: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
      };
    }
    alerts = [single.data];
    status = single.data.status ?? 'firing';
  }
  const names = new Set<string>();
  const classes = new Set<string>();
  const texts: string[] = [];
  const errorTexts: string[] = [];
  const identity: Record<string, string> = {};
  let severity: string | undefined;
  let startsAt: string | undefined;
  let firing = 0;
  const labelSets = [common, ...alerts.map((a) => a.labels)];
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels)) {
      if (ERROR_LABELS.test(k)) errorTexts.push(v);
      if (k === 'alertname') names.add(v);
      if (k === 'severity') severity ??= v;
      for (const lc of LABEL_CLASSES) {
        if (lc.key.test(k) && lc.value.test(v)) for (const c of lc.classes) classes.add(c);
      }
    }
    addIdentity(identity, labels);
  }
  for (const a of alerts) {
    if ((a.status ?? status) === 'firing') firing++;
    if (a.startsAt && !a.startsAt.startsWith('0001') && (!startsAt || a.startsAt < startsAt))
      startsAt = a.startsAt;
    for (const [k, v] of Object.entries(a.annotations ?? {})) {
      if (!/url$/i.test(k)) texts.push(v);
    }
  }
  for (const [k, v] of Object.entries(commonAnnotations)) if (!/url$/i.test(k)) texts.push(v);
  for (const name of names) {
    for (const nc of NAME_CLASSES) if (nc.re.test(name)) for (const c of nc.classes) classes.add(c);
    texts.push(splitCamel(name));
  }
  return {
    ok: true,
    facts: {
      names: [...names],
      status,
      count: alerts.length,
      firing,
      ...(severity === undefined ? {} : { severity }),
      classes: [...classes],
      text: [...new Set(texts)].join('. '),
      errorText: [...new Set([...errorTexts, ...texts])].join('\n'),
      identity,
      ...(startsAt === undefined ? {} : { startsAt }),
      ...(groupKey === undefined ? {} : { groupKey }),
    },
  };
}
