#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { startLab } from './launcher.js';
import { describeOptions, isScenarioName, type LabOptions, parseLabOptions, SCENARIOS } from './options.js';
import { runService } from './runtime.js';
import { SCENARIO_PLANS } from './scenarios/index.js';

/**
 * The reset lab: `node dist/lab/main.js [--scenarios keepalive,unread-body] [--mode fault|fixed] ...` runs the
 * launcher; the launcher runs each service as `main.js <same flags> --role <scenario>:<service>`.
 */

const ROLE_FLAGS = ['role', 'listen-port', 'target-port'] as const;

/** Splits the internal role flags (set by the launcher) from the lab's own options. */
function splitRoleArgs(argv: readonly string[]): { role: Record<string, string>; rest: string[] } {
  const role: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const name = a.replace(/^--/, '').split('=')[0] ?? '';
    if (a.startsWith('--') && (ROLE_FLAGS as readonly string[]).includes(name)) {
      const inline = a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined;
      role[name] = inline ?? argv[++i] ?? '';
    } else rest.push(a);
  }
  return { role, rest };
}

function usage(): string {
  const rows = describeOptions().map(
    (o) => `  ${o.flag.padEnd(24)} ${o.env.padEnd(26)} ${o.default.padEnd(10)} ${o.doc}`,
  );
  return [
    'reset lab: real connection resets, each switchable, with metrics and logs',
    '',
    'usage: node dist/lab/main.js [options]     (from source: node --import tsx lab/main.ts [options])',
    '',
    `  ${'flag'.padEnd(24)} ${'environment'.padEnd(26)} ${'default'.padEnd(10)} meaning`,
    ...rows,
    '',
    `scenarios: ${SCENARIOS.map((s) => `${s} (${SCENARIO_PLANS[s].cause})`).join(', ')}`,
    'endpoints: /metrics /services/<service>/metrics /targets (Prometheus http_sd) /healthz /readyz /scenarios',
  ].join('\n');
}

async function runRole(options: LabOptions, role: Record<string, string>): Promise<void> {
  const [scenario, service] = (role.role ?? '').split(':');
  const plan = isScenarioName(scenario)
    ? SCENARIO_PLANS[scenario].services.find((s) => s.service === service)
    : undefined;
  if (!plan || !isScenarioName(scenario)) {
    console.error(`unknown role ${role.role}`);
    process.exit(2);
  }
  const listenPort = Number(role['listen-port'] ?? 0);
  const targetPort = role['target-port'] === undefined ? undefined : Number(role['target-port']);
  await runService({
    options,
    scenario,
    service: plan.service,
    ...(plan.peer === undefined ? {} : { peer: plan.peer }),
    listenPort,
    ...(targetPort === undefined ? {} : { targetPort }),
    role: plan.role,
  });
  process.exit(0);
}

async function main(): Promise<void> {
  const { role, rest } = splitRoleArgs(process.argv.slice(2));
  const parsed = parseLabOptions(rest, process.env);
  if (!parsed.ok) {
    console.error(
      `reset lab: bad options\n${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n\nrun with --help for the list`,
    );
    process.exit(2);
  }
  if (parsed.help) {
    console.log(usage());
    return;
  }
  if (role.role !== undefined) return runRole(parsed.options, role);
  const lab = await startLab(parsed.options, {
    entry: fileURLToPath(import.meta.url),
    execArgv: process.execArgv,
    labArgs: rest,
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    lab.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
