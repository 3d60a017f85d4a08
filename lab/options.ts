import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * The lab's options: one schema, read once from the command line and the environment (a flag wins over its
 * variable). Every problem is reported at once.
 */

export const SCENARIOS = ['keepalive', 'unread-body', 'crash', 'port-exhaustion', 'tls-plaintext'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenarioName(s: string | undefined): s is ScenarioName {
  return (SCENARIOS as readonly (string | undefined)[]).includes(s);
}

/** The reset-doctor cause each scenario reproduces (DESIGN §1). */
export const SCENARIO_CAUSE: Readonly<Record<ScenarioName, string>> = {
  keepalive: 'keepalive-mismatch',
  'unread-body': 'unread-data-close',
  crash: 'crash',
  'port-exhaustion': 'port-exhaustion',
  'tls-plaintext': 'protocol-mismatch',
};

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Range = z
  .string()
  .regex(/^\d{1,6}-\d{1,6}$/, 'expected MIN-MAX in milliseconds, e.g. 1950-2050')
  .transform((s) => s.split('-').map(Number) as [number, number])
  .refine(([a, b]) => a <= b, 'MIN must not exceed MAX');

const ScenarioList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.union([z.enum(SCENARIOS), z.literal('all')])).min(1, 'name at least one scenario'))
  .transform((list): ScenarioName[] =>
    list.includes('all') ? [...SCENARIOS] : [...new Set(list.filter(isScenarioName))],
  );

/** Option name → environment variable, schema and what it means (the lab README table is this list). */
const FIELDS = {
  scenarios: {
    env: 'LAB_SCENARIOS',
    schema: ScenarioList,
    default: 'all',
    doc: `scenarios to run: a comma list of ${SCENARIOS.join(', ')}, or all`,
  },
  mode: {
    env: 'LAB_MODE',
    schema: z.enum(['fault', 'fixed']),
    default: 'fault',
    doc: 'fault reproduces the cause; fixed runs the same traffic with the fix applied',
  },
  host: {
    env: 'LAB_HOST',
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'address the lab HTTP endpoint (metrics, targets, health) listens on',
  },
  port: {
    env: 'LAB_PORT',
    schema: int(0, 65535),
    default: '9464',
    doc: 'port of the lab HTTP endpoint (0: any free port, logged at start)',
  },
  namespace: {
    env: 'LAB_NAMESPACE',
    schema: z.string().regex(/^[a-z0-9-]{1,63}$/),
    default: 'lab',
    doc: 'namespace label given to every lab service',
  },
  'log-level': {
    env: 'LAB_LOG_LEVEL',
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
    default: 'info',
    doc: 'pino level of every lab service',
  },
  'keepalive-timeout-ms': {
    env: 'LAB_KEEPALIVE_TIMEOUT_MS',
    schema: int(100, 600_000),
    default: '1000',
    doc: "keepalive: the Node server's keepAliveTimeout",
  },
  'pool-idle-ms': {
    env: 'LAB_POOL_IDLE_MS',
    schema: int(100, 3_600_000),
    default: '4000',
    doc: "keepalive: how long the caller's pool keeps an idle connection",
  },
  'pause-ms': {
    env: 'LAB_PAUSE_MS',
    schema: Range,
    default: '1950-2050',
    doc: 'keepalive: quiet time between bursts (Node 20 closes an idle socket keepAliveTimeout + 1 s after the response)',
  },
  'work-ms': {
    env: 'LAB_WORK_MS',
    schema: int(0, 1000),
    default: '40',
    doc: 'keepalive: synchronous work the caller does before each burst (widens the race as a busy event loop does)',
  },
  'body-limit-bytes': {
    env: 'LAB_BODY_LIMIT_BYTES',
    schema: int(1024, 1 << 30),
    default: '65536',
    doc: "unread-body: the server's request body limit",
  },
  'upload-bytes': {
    env: 'LAB_UPLOAD_BYTES',
    schema: int(1, 1 << 30),
    default: '8388608',
    doc: 'unread-body: size of the large uploads (every third upload)',
  },
  'crash-every': {
    env: 'LAB_CRASH_EVERY',
    schema: int(1, 1_000_000),
    default: '7',
    doc: 'crash: every Nth charge carries the payload that crashes the server',
  },
  'restart-delay-ms': {
    env: 'LAB_RESTART_DELAY_MS',
    schema: int(0, 600_000),
    default: '1000',
    doc: 'how long the supervisor waits before restarting a service that exited',
  },
  ports: {
    env: 'LAB_PORTS',
    schema: int(8, 1024),
    default: '64',
    doc: 'port-exhaustion: size of the private ephemeral port range',
  },
  'max-failures': {
    env: 'LAB_MAX_FAILURES',
    schema: int(1, 100_000),
    default: '200',
    doc: 'port-exhaustion: the client pauses after this many failed connects',
  },
  'cooldown-ms': {
    env: 'LAB_COOLDOWN_MS',
    schema: int(0, 3_600_000),
    default: '30000',
    doc: 'port-exhaustion: pause after max-failures before trying again',
  },
  isolation: {
    env: 'LAB_ISOLATION',
    schema: z.enum(['auto', 'netns', 'none']),
    default: 'auto',
    doc: 'port-exhaustion: netns runs it in a private network namespace (unshare); none needs this namespace to already have a narrow port range (a container with sysctls); auto picks',
  },
  rate: {
    env: 'LAB_RATE',
    schema: z.coerce.number().min(0.1).max(1000),
    default: '5',
    doc: 'requests per second of the steady callers (unread-body, crash, tls-plaintext)',
  },
  'tls-cert': {
    env: 'LAB_TLS_CERT',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'tls-plaintext: certificate file (PEM); generated with openssl when unset',
  },
  'tls-key': {
    env: 'LAB_TLS_KEY',
    schema: z.string().min(1).optional(),
    default: undefined,
    doc: 'tls-plaintext: private key file (PEM)',
  },
} as const;

type Fields = typeof FIELDS;
export type OptionName = keyof Fields;

/** Every environment variable the lab reads. */
export const LAB_VARIABLES: readonly string[] = Object.values(FIELDS).map((f) => f.env);

/** The option table (for --help and the README). */
export function describeOptions(): readonly { flag: string; env: string; default: string; doc: string }[] {
  return (Object.entries(FIELDS) as [OptionName, Fields[OptionName]][]).map(([name, f]) => ({
    flag: `--${name}`,
    env: f.env,
    default: f.default ?? '',
    doc: f.doc,
  }));
}

const LabOptionsSchema = z.object(
  Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, f.schema])) as {
    [K in OptionName]: Fields[K]['schema'];
  },
);

type Raw = z.infer<typeof LabOptionsSchema>;

export interface LabOptions {
  readonly scenarios: readonly ScenarioName[];
  readonly mode: 'fault' | 'fixed';
  readonly host: string;
  readonly port: number;
  readonly namespace: string;
  readonly logLevel: Raw['log-level'];
  readonly keepaliveTimeoutMs: number;
  readonly poolIdleMs: number;
  readonly pauseMs: readonly [number, number];
  readonly workMs: number;
  readonly bodyLimitBytes: number;
  readonly uploadBytes: number;
  readonly crashEvery: number;
  readonly restartDelayMs: number;
  readonly ports: number;
  readonly maxFailures: number;
  readonly cooldownMs: number;
  readonly isolation: 'auto' | 'netns' | 'none';
  readonly rate: number;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly options: LabOptions; readonly help: boolean }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Reads the options from argv (without node and script) and env; never throws. */
export function parseLabOptions(argv: readonly string[], env: NodeJS.ProcessEnv): ParseResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(Object.keys(FIELDS).map((k) => [k, { type: 'string' as const }])),
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, problems: [e instanceof Error ? e.message : String(e)] };
  }
  const raw: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(FIELDS)) {
    raw[name] = values[name] ?? env[f.env] ?? f.default;
  }
  const parsed = LabOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        const f = FIELDS[name as OptionName] as Fields[OptionName] | undefined;
        return f ? `--${name} / ${f.env}: ${i.message} (${f.doc})` : i.message;
      }),
    };
  }
  const o = parsed.data;
  if (Boolean(o['tls-cert']) !== Boolean(o['tls-key']))
    return { ok: false, problems: ['--tls-cert and --tls-key go together: give both or neither'] };
  return {
    ok: true,
    help: values.help === true,
    options: {
      scenarios: o.scenarios,
      mode: o.mode,
      host: o.host,
      port: o.port,
      namespace: o.namespace,
      logLevel: o['log-level'],
      keepaliveTimeoutMs: o['keepalive-timeout-ms'],
      poolIdleMs: o['pool-idle-ms'],
      pauseMs: o['pause-ms'],
      workMs: o['work-ms'],
      bodyLimitBytes: o['body-limit-bytes'],
      uploadBytes: o['upload-bytes'],
      crashEvery: o['crash-every'],
      restartDelayMs: o['restart-delay-ms'],
      ports: o.ports,
      maxFailures: o['max-failures'],
      cooldownMs: o['cooldown-ms'],
      isolation: o.isolation,
      rate: o.rate,
      ...(o['tls-cert'] ? { tlsCert: o['tls-cert'] } : {}),
      ...(o['tls-key'] ? { tlsKey: o['tls-key'] } : {}),
    },
  };
}
