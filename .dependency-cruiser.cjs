/**
 * The dependency direction, checked in CI: the core is pure (no adapters, no I/O libraries), adapters do not
 * reach into the CLI or the bot's wiring, and nothing is circular.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'src/core parses, evaluates, ranks and renders with no I/O: no adapters, app, cli or wiring.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(adapters|app|cli|bot|compose|main|config)' },
    },
    {
      name: 'core-no-io-modules',
      comment: 'No file system, network, process or clients in the core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: '^(fs|node:fs|fs/promises|node:fs/promises|net|node:net|http|node:http|https|node:https|child_process|node:child_process|dgram|node:dgram|ioredis|bullmq|@slack|fastify|pino|prom-client|shescape|undici|chokidar)',
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    {
      name: 'adapters-not-to-entry-points',
      comment: 'Adapters implement ports; they never depend on the CLI or the composition roots.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(cli|main|compose)' },
    },
    {
      name: 'app-not-to-adapters',
      comment: 'Use cases own their ports; adapters are wired in by the composition root.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|cli|main|compose)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
