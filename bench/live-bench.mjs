#!/usr/bin/env node
// npm run bench:live: svc-explain against a live control plane with many objects.
//
// Starts a private control plane (scripts/cluster/up.mjs, own --state-dir, no kube-proxy: only the
// API and the endpoint controllers matter here), creates BENCH_SERVICES Services and BENCH_PODS Pods
// across BENCH_NAMESPACES namespaces (Pods bound to a few fake Nodes, status patched Running+Ready the
// way a kubelet would), waits for the controllers to settle, then times
//   (a) kubectl get services,pods,endpointslices -A -o json   (a plain paginated list via Node without kubectl)
//   (b) kubectl-svc_explain check -A -o json                  (target ≤ 2x (a))
//   (c) kubectl-svc_explain explain <one service> -n <ns>     (target < 1 s)
// and prints a table. The cluster is stopped at the end, on failure and on Ctrl-C too.
//
//   BENCH_SERVICES=2000 BENCH_PODS=20000 BENCH_NAMESPACES=20 BENCH_NODES=5 BENCH_CONCURRENCY=24 BENCH_RUNS=3
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = (name, def) => (process.env[name] ? Number(process.env[name]) : def);
const SERVICES = env('BENCH_SERVICES', 2000);
const PODS = env('BENCH_PODS', 20000);
const NAMESPACES = env('BENCH_NAMESPACES', 20);
const NODES = env('BENCH_NODES', 5);
const CONCURRENCY = env('BENCH_CONCURRENCY', 24);
const RUNS = env('BENCH_RUNS', 3);
const FULL = { services: 2000, pods: 20000 };

const log = (msg) => process.stderr.write(`[bench:live] ${msg}\n`);
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-explain-bench-state-'));
let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  log('stopping the control plane');
  spawnSync(process.execPath, [path.join(root, 'scripts/cluster/down.mjs'), '--state-dir', stateDir, '--quiet'], { stdio: 'inherit' });
  fs.rmSync(stateDir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); process.exit(sig === 'SIGINT' ? 130 : 143); });
process.on('exit', stop);

if (!fs.existsSync(path.join(root, 'dist/cli/main.js'))) {
  log('building (dist/ missing)');
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}

// ------------------------------------------------------------------------------------------------
// Cluster and a small HTTPS client (keep-alive, admin token)

log(`starting a private control plane (state ${stateDir})`);
const t0 = Date.now();
const up = spawnSync(process.execPath, [path.join(root, 'scripts/cluster/up.mjs'), '--state-dir', stateDir, '--no-proxy', '--owner-pid', String(process.pid)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (up.status !== 0) {
  log(`scripts/cluster/up.mjs failed (exit ${up.status})`);
  process.exit(1);
}
const state = JSON.parse(fs.readFileSync(path.join(stateDir, 'state.json'), 'utf8'));
const kubeconfig = state.kubeconfig;
log(`control plane ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${kubeconfig}`);

const server = new URL(state.server);
const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: fs.readFileSync(state.caFile) });

function request(method, urlPath, body, contentType = 'application/json') {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = https.request({
      host: server.hostname, port: server.port, path: urlPath, method, agent,
      headers: { Authorization: `Bearer ${state.adminToken}`, Accept: 'application/json', ...(data ? { 'Content-Type': contentType, 'Content-Length': data.length } : {}) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 429 || res.statusCode >= 500) return reject(Object.assign(new Error(`${method} ${urlPath}: ${res.statusCode}`), { retry: true }));
        if (res.statusCode >= 300 && res.statusCode !== 409) return reject(new Error(`${method} ${urlPath}: ${res.statusCode} ${text.slice(0, 300)}`));
        resolve(text ? JSON.parse(text) : null);
      });
    });
    req.on('error', (e) => reject(Object.assign(e, { retry: true })));
    if (data) req.write(data);
    req.end();
  });
}

async function call(method, urlPath, body, contentType) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request(method, urlPath, body, contentType);
    } catch (e) {
      if (!e.retry || attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }
}

async function pool(count, limit, fn) {
  let next = 0;
  let done = 0;
  let lastLog = Date.now();
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      await fn(i);
      done++;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  … ${done}/${count}`);
      }
    }
  }));
}

async function listAll(resourcePath) {
  const items = [];
  let token = '';
  do {
    const page = await call('GET', `${resourcePath}?limit=500${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    items.push(...page.items);
    token = page.metadata?.continue ?? '';
  } while (token);
  return items;
}

// ------------------------------------------------------------------------------------------------
// Objects

const services = Math.min(SERVICES, PODS);
const podsPerService = Math.floor(PODS / services);
const pods = services * podsPerService;
const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
const nodes = Array.from({ length: NODES }, (_, i) => `bench-node-${i}`);
const nsOfService = (s) => namespaces[s % namespaces.length];
const podIp = (k) => `10.${244 + Math.floor(k / 62500)}.${Math.floor((k % 62500) / 250)}.${1 + (k % 250)}`;
if (services !== FULL.services || pods !== FULL.pods) {
  log(`NOTE: running with ${services} Services and ${pods} Pods, not the issue's ${FULL.services} and ${FULL.pods} (BENCH_SERVICES/BENCH_PODS)`);
}

async function create() {
  const merge = 'application/merge-patch+json';
  const now = new Date().toISOString();
  for (const ns of namespaces) await call('POST', '/api/v1/namespaces', { metadata: { name: ns } });
  for (const [i, name] of nodes.entries()) {
    await call('POST', '/api/v1/nodes', { metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': `zone-${'abc'[i % 3]}` } } });
    await call('PATCH', `/api/v1/nodes/${name}/status`, { status: {
      addresses: [{ type: 'InternalIP', address: `10.255.0.${10 + i}` }],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'fake', lastHeartbeatTime: now, lastTransitionTime: now }],
    } }, merge);
  }
  let t = Date.now();
  await pool(services, CONCURRENCY, (s) => call('POST', `/api/v1/namespaces/${nsOfService(s)}/services`, {
    metadata: { name: `svc-${s}` },
    spec: { selector: { app: `app-${s}` }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  }));
  const servicesMs = Date.now() - t;
  log(`created ${services} Services in ${(servicesMs / 1000).toFixed(1)} s`);
  t = Date.now();
  await pool(pods, CONCURRENCY, async (k) => {
    const s = k % services;
    const ns = nsOfService(s);
    const name = `pod-${s}-${Math.floor(k / services)}`;
    await call('POST', `/api/v1/namespaces/${ns}/pods`, {
      metadata: { name, labels: { app: `app-${s}` } },
      spec: { nodeName: nodes[k % nodes.length], containers: [{ name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
    });
    await call('PATCH', `/api/v1/namespaces/${ns}/pods/${name}/status`, { status: {
      phase: 'Running', podIP: podIp(k), podIPs: [{ ip: podIp(k) }], hostIP: `10.255.0.${10 + (k % nodes.length)}`,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }, { type: 'ContainersReady', status: 'True', lastTransitionTime: now }],
    } }, merge);
  });
  const podsMs = Date.now() - t;
  log(`created and readied ${pods} Pods in ${(podsMs / 1000).toFixed(1)} s (${Math.round(pods / (podsMs / 1000))} Pods/s)`);
  return { servicesMs, podsMs };
}

async function settle() {
  const t = Date.now();
  let last = -1;
  for (;;) {
    const slices = await listAll('/apis/discovery.k8s.io/v1/endpointslices');
    const ready = slices.reduce((n, s) => n + (s.endpoints ?? []).filter((e) => e.conditions?.ready).length, 0);
    const withSlices = new Set(slices.map((s) => `${s.metadata.namespace}/${s.metadata.labels?.['kubernetes.io/service-name']}`)).size;
    if (ready !== last) log(`  settle: ${ready}/${pods} ready endpoints, ${withSlices}/${services} Services with slices`);
    last = ready;
    if (ready >= pods && withSlices >= services) return Date.now() - t;
    if (Date.now() - t > 30 * 60_000) throw new Error('controllers did not settle within 30 min');
    await new Promise((r) => setTimeout(r, 3000));
  }
}

// ------------------------------------------------------------------------------------------------
// Measurements

function timeOnce(cmd, args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (c) => (bytes += c.length));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0 && code !== 1) return reject(new Error(`${path.basename(cmd)} ${args.join(' ')}: exit ${code}: ${stderr.slice(0, 500)}`));
      resolve({ ms, bytes, code });
    });
  });
}

async function measure(label, cmd, args, runs = RUNS) {
  await timeOnce(cmd, args); // warm-up (page cache, apiserver watch cache)
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timeOnce(cmd, args));
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  log(`${label}: median ${median.toFixed(0)} ms of ${runs} (${sorted.map((m) => m.toFixed(0)).join(', ')}), ${(results[0].bytes / 1e6).toFixed(1)} MB out, exit ${results[0].code}`);
  return { label, median, min: sorted[0], max: sorted[sorted.length - 1], bytes: results[0].bytes };
}

const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
const kubectl = fs.existsSync(path.join(state.bin, 'kubectl')) ? path.join(state.bin, 'kubectl') : which.status === 0 ? which.stdout.trim() : null;
const plugin = path.join(root, 'bin/kubectl-svc_explain');

try {
  const { servicesMs, podsMs } = await create();
  const settleMs = await settle();
  log(`controllers settled ${(settleMs / 1000).toFixed(1)} s after the last Pod`);

  // (a) the reference: what kubectl reads for the same three kinds
  let a;
  if (kubectl) {
    a = await measure('(a) kubectl get services,pods,endpointslices -A -o json', kubectl, ['--kubeconfig', kubeconfig, 'get', 'services,pods,endpointslices', '-A', '-o', 'json']);
  } else {
    const script = `
      const https = require('node:https'); const fs = require('node:fs');
      const st = ${JSON.stringify({ server: state.server, ca: state.caFile, token: state.adminToken })};
      const agent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(st.ca) });
      const get = (p) => new Promise((res, rej) => https.get(st.server + p, { agent, headers: { Authorization: 'Bearer ' + st.token } }, (r) => { const c = []; r.on('data', (d) => c.push(d)); r.on('end', () => res(JSON.parse(Buffer.concat(c)))); }).on('error', rej));
      (async () => { let n = 0; for (const p of ['/api/v1/services', '/api/v1/pods', '/apis/discovery.k8s.io/v1/endpointslices']) { let t = ''; do { const page = await get(p + '?limit=500' + (t ? '&continue=' + encodeURIComponent(t) : '')); n += page.items.length; t = page.metadata.continue || ''; } while (t); } process.stdout.write(String(n)); agent.destroy(); })();`;
    a = await measure('(a) paginated list of services, pods, endpointslices (Node, no kubectl found)', process.execPath, ['-e', script]);
  }
  const b = await measure('(b) kubectl-svc_explain check -A -o json', process.execPath, [plugin, 'check', '-A', '-o', 'json', '--kubeconfig', kubeconfig]);
  const ns = nsOfService(services - 1);
  const c = await measure(`(c) kubectl-svc_explain explain svc-${services - 1} -n ${ns}`, process.execPath, [plugin, 'explain', `svc-${services - 1}`, '-n', ns, '--kubeconfig', kubeconfig], Math.max(RUNS, 5));
  // Process start-up alone (Node + module loading, no cluster access), to read (b) and (c) against.
  const d = await measure('(d) kubectl-svc_explain --version (start-up only)', process.execPath, [plugin, '--version'], Math.max(RUNS, 5));
  const node = spawnSync(process.execPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    '',
    `svc-explain live benchmark: ${services} Services, ${pods} Pods (${podsPerService} per Service), ${namespaces.length} namespaces, ${nodes.length} Nodes; ${os.cpus().length} CPUs, Node ${node}, Kubernetes ${path.basename(path.dirname(state.bin))}`,
    ...(services !== FULL.services || pods !== FULL.pods ? [`NOTE: smaller than the issue's ${FULL.services} Services / ${FULL.pods} Pods`] : []),
    `setup: ${services} Services created in ${fmt(servicesMs)}; ${pods} Pods created + status patched in ${fmt(podsMs)}; controllers settled ${fmt(settleMs)} later`,
    '',
    '| measurement | median | min–max | output | target |',
    '|---|---|---|---|---|',
    `| ${a.label} | ${fmt(a.median)} | ${fmt(a.min)}–${fmt(a.max)} | ${(a.bytes / 1e6).toFixed(1)} MB | reference |`,
    `| ${b.label} | ${fmt(b.median)} | ${fmt(b.min)}–${fmt(b.max)} | ${(b.bytes / 1e6).toFixed(1)} MB | ≤ 2x (a): ${(b.median / a.median).toFixed(2)}x ${b.median <= 2 * a.median ? 'OK' : 'MISSED'} |`,
    `| ${c.label} | ${fmt(c.median)} | ${fmt(c.min)}–${fmt(c.max)} | ${(c.bytes / 1e3).toFixed(1)} kB | < 1 s: ${c.median < 1000 ? 'OK' : 'MISSED'} |`,
    `| ${d.label} | ${fmt(d.median)} | ${fmt(d.min)}–${fmt(d.max)} | ${d.bytes} B | part of (b) and (c) |`,
    '',
    `ratio check/kubectl: ${(b.median / a.median).toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (e) {
  log(`failed: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  agent.destroy();
  stop();
}
