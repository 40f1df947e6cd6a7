// npm run bench:startup: CPU time (user + sys, read with bash's `times`) that a command costs
// before its first byte, on the esbuild bundle (what the release executables run), next to
// `kubectl version --client` and a bare `node -e 0` measured in the same run. `explain` runs
// against a local TCP server that drops every connection, so it stops right at its first request.
// "npm package" runs the bundle through the package's launcher, with its V8 code cache (written by
// one unmeasured first run into a private cache directory); "bundle" runs the bundle file itself.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPackagedCli } from './packaged-cli.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS || 7);
const dir = mkdtempSync(join(tmpdir(), 'svc-explain-startup-'));
const server = net.createServer((socket) => socket.destroy());
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
current-context: bench
clusters: [{ name: bench, cluster: { server: "https://127.0.0.1:${server.address().port}", insecure-skip-tls-verify: true } }]
users: [{ name: bench, user: { token: bench-token } }]
contexts: [{ name: bench, context: { cluster: bench, user: bench, namespace: shop } }]
`);

try {
  const { bundleFile, launcher } = await buildPackagedCli(dir);
  const bundled = [process.execPath, bundleFile];
  const packaged = [process.execPath, launcher];
  // The first run of the package writes its code cache; the client library's is written by the first cluster command.
  await childCpuMs([...packaged, 'lint', 'examples/']);
  await childCpuMs([...packaged, 'explain', 'web', '--kubeconfig', kubeconfig]);
  const sea = join(root, 'release', 'work', 'linux-amd64', 'kubectl-svc_explain');
  const rows = [
    ['node -e 0 (floor)', [process.execPath, '-e', '0']],
    ['kubectl version --client (reference)', ['kubectl', 'version', '--client']],
    ['--help, npm package (bundle + code cache)', [...packaged, '--help'], 150],
    ['lint examples/, npm package', [...packaged, 'lint', 'examples/'], 150],
    ['explain to its first request, npm package', [...packaged, 'explain', 'web', '--kubeconfig', kubeconfig], 300],
    ['--help, bundle file (no code cache)', [...bundled, '--help']],
    ['lint examples/, bundle file', [...bundled, 'lint', 'examples/']],
    ['explain to its first request, bundle file', [...bundled, 'explain', 'web', '--kubeconfig', kubeconfig]],
    ['--help, dist/ (tsc, unbundled)', [process.execPath, join(root, 'bin', 'kubectl-svc_explain'), '--help']],
    ['lint examples/, dist/', [process.execPath, join(root, 'bin', 'kubectl-svc_explain'), 'lint', 'examples/']],
    ['explain to its first request, dist/', [process.execPath, join(root, 'bin', 'kubectl-svc_explain'), 'explain', 'web', '--kubeconfig', kubeconfig]],
    ...(existsSync(sea)
      ? [
          ['--help, release executable (SEA)', [sea, '--help']],
          ['explain to its first request, SEA', [sea, 'explain', 'web', '--kubeconfig', kubeconfig]],
        ]
      : []),
  ];
  const results = [];
  for (const [name, command, target] of rows) results.push({ name, target, ms: await medianCpu(command) });
  const kubectl = results[1].ms;
  console.log(`Median CPU (user + sys) of ${RUNS} runs each; ratios to \`kubectl version --client\` measured now.\n`);
  console.log('| command | CPU | × kubectl version --client | target |');
  console.log('|---|---|---|---|');
  for (const { name, ms, target } of results) {
    const verdict = target ? `< ${target} ms: ${ms < target ? 'met' : 'NOT met'}` : '';
    console.log(`| ${name} | ${ms.toFixed(0)} ms | ${(ms / kubectl).toFixed(2)}× | ${verdict} |`);
  }
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Runs the command RUNS times under bash and returns the median of its children's CPU time. */
async function medianCpu(command) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push(await childCpuMs(command));
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** bash's `times` prints its own and then its children's user and sys time. */
async function childCpuMs(command) {
  const script = '"$@" >/dev/null 2>&1 </dev/null; times';
  // Asynchronous, so that the TCP server above keeps accepting (and dropping) connections.
  const child = spawn('bash', ['-c', script, 'bench', ...command], { cwd: root, env: { ...process.env, KUBECONFIG: '' } });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((done) => child.on('close', done));
  const children = out.trim().split('\n')[1];
  return children.split(/\s+/).reduce((sum, part) => sum + minutesSeconds(part), 0);
}

function minutesSeconds(text) {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : 0;
}
