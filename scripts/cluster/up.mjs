#!/usr/bin/env node
// Build (once) and start the local control plane in the background; print the kubeconfig path.
//
//   node scripts/cluster/up.mjs [--state-dir DIR] [--owner-pid PID] [--proxy | --no-proxy] [--kubernetes-version 1.N]
//
// --kubernetes-version (or SVC_EXPLAIN_K8S_VERSION) picks a supported minor (versions.sh: 1.37, 1.36,
// 1.33; default the newest) or an exact v1.N.P; binaries are built once per release and cached.
// etcd, kube-apiserver and kube-controller-manager run as detached processes on 127.0.0.1 with
// free ports; the Service range is dual-stack (IPv4 first). kube-proxy (iptables mode, dual-stack:
// iptables and ip6tables, primary IPv4) runs in its own network namespace for the fake Node
// `svcx-proxy-node` and reaches the apiserver through a unix-socket bridge. Everything lives in a
// fresh temporary directory; DIR/state.json (default $TMPDIR/svc-explain-cluster) records it for
// `down.mjs`. With --owner-pid a watchdog stops the cluster as soon as that process is gone
// (Ctrl-C, crash or kill of a test run). The last stdout line is the admin kubeconfig path.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CLUSTER_CIDR, CLUSTER_CIDR_V6, NFT_PROXY_NODE, NFT_PROXY_NODE_IP, PROXY_NODE, PROXY_NODE_IP, PROXY_NODE_ZONE, SCRIPT_DIR, SERVICE_CIDR,
  freePorts, hasNetnsSupport, hasNftSupport, httpGet, isOurs, kubeRequest, kubeconfigYaml, log, logTail,
  makeCredentials, parseArgs, readState, rssKiB, startProcess, stopCluster, waitUntil, writeState,
} from './lib.mjs';
import { resolveVersion } from './versions.mjs';

const opts = parseArgs(process.argv.slice(2));
if (opts.help) {
  process.stdout.write('usage: up.mjs [--state-dir DIR] [--owner-pid PID] [--proxy | --no-proxy] [--kubernetes-version 1.37|1.36|1.33|v1.N.P]\n');
  process.exit(0);
}

async function healthy(state) {
  if (!state.processes.every((p) => p.name === 'watchdog' || isOurs(p))) return false;
  const r = await httpGet(`${state.server}/readyz`, { ca: fs.readFileSync(state.caFile), token: state.adminToken });
  return r.status === 200;
}

function build(version) {
  const t0 = Date.now();
  const env = { ...process.env, SVC_EXPLAIN_K8S_VERSION: version };
  const r = spawnSync('bash', [path.join(SCRIPT_DIR, 'build.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`scripts/cluster/build.sh failed (exit ${r.status})`);
  const bin = r.stdout.trim().split('\n').pop();
  return { bin, seconds: (Date.now() - t0) / 1000 };
}

let state = null;
let stopping = false;
async function abort(reason, code) {
  if (stopping) return;
  stopping = true;
  log(`start aborted: ${reason}; stopping what was started`);
  await stopCluster(state, { quiet: true });
  process.exit(code);
}
process.on('SIGINT', () => abort('SIGINT', 130));
process.on('SIGTERM', () => abort('SIGTERM', 143));

async function main() {
  const version = resolveVersion(opts.kubernetesVersion);
  const existing = readState(opts.stateDir);
  if (existing && (existing.kubernetesVersion ?? version) !== version) {
    log(`running cluster ${existing.id} is ${existing.kubernetesVersion}, not ${version}; replacing it`);
    await stopCluster(existing, { quiet: true });
  } else if (existing) {
    if (await healthy(existing).catch(() => false)) {
      log(`reusing running cluster ${existing.id} (state ${opts.stateDir})`);
      process.stdout.write(`${existing.kubeconfig}\n`);
      return;
    }
    log(`found a stale cluster ${existing.id}; cleaning it up`);
    await stopCluster(existing, { quiet: true });
  }

  const t0 = Date.now();
  const { bin, seconds: buildSeconds } = build(version);
  // Free ports are picked before the processes bind them; if another process takes one in
  // between, start again with new ports (at most three attempts).
  for (let attempt = 1; ; attempt++) {
    try {
      await start(bin, t0, buildSeconds, version);
      return;
    } catch (e) {
      if (attempt >= 3 || !/address already in use|bind: /i.test(e.message)) throw e;
      log(`port collision (${e.message.split('\n')[0]}); retrying with new ports`);
      await stopCluster(state, { quiet: true });
      state = null;
    }
  }
}

async function start(bin, t0, buildSeconds, kubernetesVersion) {
  const tStart = Date.now();
  const id = randomBytes(3).toString('hex');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'svc-explain-run-'));
  const [etcdPort, etcdPeerPort, apiPort, kcmPort] = await freePorts(4);
  state = {
    id,
    stateDir: opts.stateDir,
    runDir,
    bin,
    kubernetesVersion,
    server: `https://127.0.0.1:${apiPort}`,
    ports: { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiPort, controllerManager: kcmPort },
    processes: [],
    netns: null,
    proxy: null,
    serviceCIDR: SERVICE_CIDR,
    clusterCIDR: CLUSTER_CIDR,
    clusterCIDRv6: CLUSTER_CIDR_V6,
    startedAt: new Date().toISOString(),
  };
  const pki = makeCredentials(state);
  state.kubeconfig = path.join(runDir, 'admin.kubeconfig');
  state.viewerKubeconfig = path.join(runDir, 'viewer.kubeconfig');
  fs.writeFileSync(state.kubeconfig, kubeconfigYaml(state, state.adminToken, 'admin'), { mode: 0o600 });
  fs.writeFileSync(state.viewerKubeconfig, kubeconfigYaml(state, state.viewerToken, 'viewer'), { mode: 0o600 });
  writeState(opts.stateDir, state);

  if (opts.ownerPid) {
    startProcess(state, 'watchdog', process.execPath, [path.join(SCRIPT_DIR, 'watchdog.mjs'), opts.stateDir, String(opts.ownerPid), id], { match: 'watchdog.mjs' });
    writeState(opts.stateDir, state);
  }

  // etcd
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const etcd = startProcess(state, 'etcd', path.join(bin, 'etcd'), [
    '--name=svcx', `--data-dir=${path.join(runDir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
    `--initial-cluster=svcx=http://127.0.0.1:${etcdPeerPort}`,
    '--unsafe-no-fsync', '--log-level=warn', '--quota-backend-bytes=1073741824',
  ]);
  writeState(opts.stateDir, state);
  await waitUntil('etcd /health', async () => (await httpGet(`${etcdUrl}/health`)).status === 200, { proc: etcd, timeoutMs: 30_000 });

  // kube-apiserver
  const api = startProcess(state, 'kube-apiserver', path.join(bin, 'kube-apiserver'), [
    `--etcd-servers=${etcdUrl}`, '--bind-address=127.0.0.1', `--secure-port=${apiPort}`, '--advertise-address=127.0.0.1',
    '--endpoint-reconciler-type=none',
    `--tls-cert-file=${path.join(pki, 'apiserver.crt')}`, `--tls-private-key-file=${path.join(pki, 'apiserver.key')}`,
    `--cert-dir=${path.join(runDir, 'apiserver-certs')}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${path.join(pki, 'sa.key')}`, `--service-account-signing-key-file=${path.join(pki, 'sa.key')}`,
    `--token-auth-file=${path.join(pki, 'tokens.csv')}`, '--authorization-mode=RBAC',
    '--disable-admission-plugins=ServiceAccount', '--profiling=false',
    // Short, so that a held continue token really expires in the fault tests (default 5m).
    '--etcd-compaction-interval=10s',
  ]);
  writeState(opts.stateDir, state);
  const ca = fs.readFileSync(state.caFile);
  await waitUntil('kube-apiserver /readyz', async () => (await httpGet(`${state.server}/readyz`, { ca, token: state.adminToken })).status === 200, { proc: api, timeoutMs: 120_000 });

  // kube-controller-manager: only the controllers that turn Services into endpoints, plus GC
  // (slices go with their Service) and namespaces (tests delete their namespaces).
  const kcm = startProcess(state, 'kube-controller-manager', path.join(bin, 'kube-controller-manager'), [
    `--kubeconfig=${state.kubeconfig}`, `--authentication-kubeconfig=${state.kubeconfig}`, `--authorization-kubeconfig=${state.kubeconfig}`,
    '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${kcmPort}`, `--cert-dir=${path.join(runDir, 'kcm-certs')}`,
    '--controllers=endpoints-controller,endpointslice-controller,endpointslice-mirroring-controller,garbage-collector-controller,namespace-controller',
    '--profiling=false',
  ]);
  writeState(opts.stateDir, state);
  await waitUntil('kube-controller-manager /healthz', async () => (await httpGet(`https://127.0.0.1:${kcmPort}/healthz`, { insecure: true })).status === 200, { proc: kcm, timeoutMs: 60_000 });

  // kube-proxy in its own network namespace, for one fake Node; a second one in nftables mode.
  const why = opts.proxy ? hasNetnsSupport() : null;
  const whyNot = opts.proxy && !why ? hasNftSupport() : null;
  if (opts.proxy === true && (why || whyNot)) {
    throw new Error(`kube-proxy cannot run: ${why ?? whyNot}. Pass --no-proxy (or SVC_EXPLAIN_NO_PROXY=1) to start without it.`);
  } else if (opts.proxy === 'auto' && why) {
    log(`kube-proxy not started: ${why}; its tests will be skipped (required under CI)`);
  } else if (opts.proxy) {
    await startProxy(state, bin, IPTABLES_PROXY);
    if (whyNot) log(`kube-proxy in nftables mode not started: ${whyNot}; its tests will be skipped (required under CI)`);
    else await startProxy(state, bin, NFTABLES_PROXY);
  } else {
    log('kube-proxy disabled (--no-proxy)');
  }

  const startSeconds = (Date.now() - tStart) / 1000;
  state.timings = { buildSeconds, startSeconds, totalSeconds: (Date.now() - t0) / 1000 };
  state.rssKiB = Object.fromEntries(state.processes.map((p) => [p.name, rssKiB(p.pid)]));
  writeState(opts.stateDir, state);
  const rssMiB = Object.values(state.rssKiB).reduce((a, b) => a + b, 0) / 1024;
  log(`cluster ${id} (Kubernetes ${kubernetesVersion}) ready in ${startSeconds.toFixed(1)} s (build step ${buildSeconds.toFixed(1)} s); RSS ${rssMiB.toFixed(0)} MiB; state ${path.join(opts.stateDir, 'state.json')}`);
  log(`export KUBECONFIG=${state.kubeconfig}`);
  process.stdout.write(`${state.kubeconfig}\n`);
}

/** The two kube-proxies: iptables mode (most tests) and nftables mode, each for its own fake Node. */
const IPTABLES_PROXY = { key: 'proxy', mode: 'iptables', node: PROXY_NODE, nodeIP: PROXY_NODE_IP, suffix: '' };
const NFTABLES_PROXY = { key: 'nftProxy', mode: 'nftables', node: NFT_PROXY_NODE, nodeIP: NFT_PROXY_NODE_IP, suffix: '-nft' };

/** Whether a kube-proxy has written its rules, including those for the default/kubernetes Service. */
function proxySynced(ns, mode) {
  if (mode === 'nftables') {
    const r = spawnSync('ip', ['netns', 'exec', ns, 'nft', 'list', 'chain', 'ip', 'kube-proxy', 'services'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.includes('vmap @service-ips');
  }
  const r = spawnSync('ip', ['netns', 'exec', ns, 'iptables-save', '-t', 'nat'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(':KUBE-SERVICES') && r.stdout.includes('-A KUBE-SERVICES');
}

async function startProxy(st, bin, proxy) {
  const ns = `svcx-${st.id}${proxy.suffix}`;
  const ip = (...args) => {
    const r = spawnSync('ip', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
    return r.stdout;
  };
  ip('netns', 'add', ns);
  if (proxy.mode === 'iptables') st.netns = ns;
  st.netnses = [...(st.netnses ?? []), ns];
  writeState(opts.stateDir, st);
  ip('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
  // The fake Node's own address, on the namespace's loopback (this kernel may lack the dummy and
  // veth drivers; nothing here needs a second interface).
  ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${proxy.nodeIP}/32`, 'dev', 'lo');

  // The Node object kube-proxy runs for (created before kube-proxy starts).
  const node = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: proxy.node, labels: { 'kubernetes.io/hostname': proxy.node, 'topology.kubernetes.io/zone': PROXY_NODE_ZONE, 'svc-explain.test/proxy-node': 'true' } },
    spec: {},
  };
  try {
    await kubeRequest(st, 'POST', '/api/v1/nodes', node);
  } catch (e) {
    if (!/HTTP 409/.test(e.message)) throw e;
  }
  await kubeRequest(st, 'PATCH', `/api/v1/nodes/${proxy.node}/status`, {
    status: {
      addresses: [{ type: 'InternalIP', address: proxy.nodeIP }, { type: 'Hostname', address: proxy.node }],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'fake node (svc-explain test cluster)', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
    },
  }, 'application/merge-patch+json');

  // Bridge 127.0.0.1:<apiserver port> inside the namespace to the apiserver on the host's loopback,
  // through a unix socket (unix sockets are not scoped by network namespace); one host side for all.
  const sock = path.join(st.runDir, 'apiserver.sock');
  const bridge = path.join(SCRIPT_DIR, 'bridge.mjs');
  if (!fs.existsSync(sock)) {
    const hostSide = startProcess(st, 'bridge-host', process.execPath, [bridge, 'unix-to-tcp', sock, `127.0.0.1:${st.ports.apiserver}`]);
    await waitUntil('host bridge socket', () => fs.existsSync(sock), { proc: hostSide, timeoutMs: 10_000 });
  }
  startProcess(st, `bridge-netns${proxy.suffix}`, 'ip', ['netns', 'exec', ns, process.execPath, bridge, 'tcp-to-unix', `127.0.0.1:${st.ports.apiserver}`, sock]);
  writeState(opts.stateDir, st);

  const proxyProcess = startProcess(st, `kube-proxy${proxy.suffix}`, 'ip', ['netns', 'exec', ns, path.join(bin, 'kube-proxy'),
    `--kubeconfig=${st.kubeconfig}`, `--hostname-override=${proxy.node}`, `--bind-address=${proxy.nodeIP}`,
    `--proxy-mode=${proxy.mode}`, `--cluster-cidr=${CLUSTER_CIDR},${CLUSTER_CIDR_V6}`,
    '--conntrack-max-per-core=0', '--conntrack-tcp-timeout-established=0', '--conntrack-tcp-timeout-close-wait=0',
    // These two set the sync periods of the nftables proxier too (kube-proxy has no nftables flags).
    '--iptables-min-sync-period=0', '--iptables-sync-period=30s',
    '--healthz-bind-address=127.0.0.1:10256', '--metrics-bind-address=127.0.0.1:10249',
  ]);
  writeState(opts.stateDir, st);
  await waitUntil(`kube-proxy ${proxy.mode} sync`, () => proxySynced(ns, proxy.mode), { proc: proxyProcess, timeoutMs: 60_000 });
  st[proxy.key] = { node: proxy.node, nodeIP: proxy.nodeIP, zone: PROXY_NODE_ZONE, netns: ns, mode: proxy.mode };
}

main().catch(async (e) => {
  if (stopping) return;
  stopping = true;
  log(`failed: ${e.message}`);
  if (state) {
    for (const p of state.processes) if (p.name !== 'watchdog') log(`--- ${p.name} log tail (${p.log}):\n${logTail(p.log, 8)}`);
  }
  await stopCluster(state, { quiet: true });
  process.exit(1);
});
