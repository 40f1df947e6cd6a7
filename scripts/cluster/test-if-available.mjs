#!/usr/bin/env node
// `npm test` second half: run the integration suite when the Go toolchain is there (it builds the
// control plane); otherwise say so in one line and pass. Under CI (CI=true or
// SVC_EXPLAIN_REQUIRE_CLUSTER=1) the suite is mandatory: a missing toolchain fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const required = process.env.SVC_EXPLAIN_REQUIRE_CLUSTER === '1' || /^(1|true)$/i.test(process.env.CI ?? '');
const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.error || go.status !== 0) {
  if (required) {
    console.error('integration suite required (CI) but the Go toolchain was not found on PATH: cannot build the control plane');
    process.exit(1);
  }
  console.log('integration suite skipped: Go toolchain not found (install Go >= 1.26 to build the local control plane; see README.md, Development)');
  process.exit(0);
}
// Kubernetes v1.36 needs Go >= 1.26 (its go.mod says `go 1.26.0`); build.sh does not download toolchains.
const m = /go(\d+)\.(\d+)/.exec(go.stdout);
if (m && (Number(m[1]) < 1 || (Number(m[1]) === 1 && Number(m[2]) < 26))) {
  const msg = `Go ${m[1]}.${m[2]} is older than the 1.26 the pinned Kubernetes release needs`;
  if (required) {
    console.error(`integration suite required (CI) but ${msg}`);
    process.exit(1);
  }
  console.log(`integration suite skipped: ${msg} (see README.md, Development)`);
  process.exit(0);
}
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.cluster.config.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
