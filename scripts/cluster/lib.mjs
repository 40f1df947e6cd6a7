// Shared code for the local Kubernetes control plane used by the integration suite.
// Plain Node (no dependencies): process management, certificates, readiness checks, teardown.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCRIPT_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_STATE_DIR = process.env.SVC_EXPLAIN_CLUSTER_STATE_DIR || path.join(os.tmpdir(), 'svc-explain-cluster');
// Dual-stack Service range, IPv4 first: Services get an IPv4 ClusterIP unless they ask for IPv6 or
// dual-stack (ipFamilyPolicy/ipFamilies).
export const SERVICE_CIDR = '10.96.0.0/16,fd00:10:96::/108';
export const CLUSTER_CIDR = '10.244.0.0/16';
export const CLUSTER_CIDR_V6 = 'fd00:10:244::/64';
export const PROXY_NODE = 'svcx-proxy-node';
export const PROXY_NODE_IP = '10.255.0.2';
export const PROXY_NODE_ZONE = 'zone-a';
// A second kube-proxy, in nftables mode, for its own fake Node (same zone, so zone-based routing is unchanged).
export const NFT_PROXY_NODE = 'svcx-proxy-node-nft';
export const NFT_PROXY_NODE_IP = '10.255.0.3';

export function log(msg) {
  process.stderr.write(`[cluster] ${msg}\n`);
}

export function stateFile(stateDir) {
  return path.join(stateDir, 'state.json');
}

export function readState(stateDir) {
  try {
    return JSON.parse(fs.readFileSync(stateFile(stateDir), 'utf8'));
  } catch {
    return null;
  }
}

export function writeState(stateDir, state) {
  fs.mkdirSync(stateDir, { recursive: true });
  const tmp = stateFile(stateDir) + '.tmp';
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, stateFile(stateDir));
}

export function parseArgs(argv) {
  // proxy: 'auto' starts kube-proxy when this machine can (root, iptables) and warns otherwise;
  // under CI (CI=true) or with --proxy it is required; --no-proxy / SVC_EXPLAIN_NO_PROXY=1 skip it.
  const ci = /^(1|true)$/i.test(process.env.CI ?? '');
  const out = {
    stateDir: DEFAULT_STATE_DIR, ownerPid: 0, proxy: process.env.SVC_EXPLAIN_NO_PROXY === '1' ? false : ci ? true : 'auto',
    kubernetesVersion: process.env.SVC_EXPLAIN_K8S_VERSION || undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--state-dir') out.stateDir = path.resolve(argv[++i]);
    else if (a === '--owner-pid') out.ownerPid = Number(argv[++i]);
    else if (a === '--no-proxy') out.proxy = false;
    else if (a === '--proxy') out.proxy = true;
    else if (a === '--quiet') out.quiet = true;
    else if (a === '--kubernetes-version') out.kubernetesVersion = argv[++i];
    else if (a === '-h' || a === '--help') out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function freePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function cmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return null;
  }
}

/** True when pid is alive and still the process we started (guards against pid reuse). */
export function isOurs(proc) {
  if (!isAlive(proc.pid)) return false;
  const cl = cmdline(proc.pid);
  if (cl === null) return true; // no /proc: trust the pid
  return cl.includes(proc.match);
}

export function rssKiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Start a long-running process detached in its own process group, output appended to a log.
 * `match` is a string of its command line used later to recognise it before killing it.
 */
export function startProcess(state, name, cmd, args, { match } = {}) {
  const logPath = path.join(state.runDir, 'logs', `${name}.log`);
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  const fd = fs.openSync(logPath, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  child.unref();
  const proc = { name, pid: child.pid, match: match ?? state.runDir, log: logPath };
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  proc.exited = () => exited;
  state.processes.push(proc);
  return proc;
}

export function logTail(file, lines = 25) {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Poll fn() until it returns a truthy value; fail with the process log if the process died. */
export async function waitUntil(what, fn, { timeoutMs = 60_000, intervalMs = 250, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastErr;
  while (Date.now() < deadline) {
    if (proc && proc.exited && proc.exited()) {
      const ex = proc.exited();
      throw new Error(`${proc.name} exited (${ex.code ?? ex.signal}) while waiting for ${what}; last log lines:\n${logTail(proc.log)}`);
    }
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ''}${proc ? `; last log lines of ${proc.name}:\n${logTail(proc.log)}` : ''}`);
}

export function httpGet(url, { ca, token, insecure } = {}) {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(
      url,
      { ca, rejectUnauthorized: !insecure, headers: token ? { Authorization: `Bearer ${token}` } : {}, timeout: 5000 },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** Minimal JSON request against the apiserver of a state (admin token, generated CA). */
export function kubeRequest(state, method, urlPath, body, contentType = 'application/json') {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(
      `${state.server}${urlPath}`,
      {
        method,
        ca: fs.readFileSync(state.caFile),
        headers: {
          Authorization: `Bearer ${state.adminToken}`,
          Accept: 'application/json',
          ...(data ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(data) } : {}),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          if (res.statusCode >= 300) reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(json);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts }).toString();
}

/** CA, apiserver serving certificate (127.0.0.1/localhost), service-account key, tokens. */
export function makeCredentials(state) {
  const d = path.join(state.runDir, 'pki');
  fs.mkdirSync(d, { recursive: true });
  const p = (f) => path.join(d, f);
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.crt'), '-days', '30', '-subj', '/CN=svc-explain-test-ca']);
  run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', p('apiserver.key'), '-out', p('apiserver.csr'), '-subj', '/CN=kube-apiserver']);
  fs.writeFileSync(p('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.96.0.1\n');
  run('openssl', ['x509', '-req', '-in', p('apiserver.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-out', p('apiserver.crt'), '-days', '30', '-extfile', p('san.ext')]);
  run('openssl', ['genrsa', '-out', p('sa.key'), '2048']);
  state.adminToken = randomBytes(24).toString('hex');
  state.viewerToken = randomBytes(24).toString('hex');
  // token,user,uid,"group1,group2". `viewer` has no groups: RBAC grants it nothing until a test binds a role.
  fs.writeFileSync(p('tokens.csv'), `${state.adminToken},admin,admin,"system:masters"\n${state.viewerToken},viewer,viewer\n`, { mode: 0o600 });
  state.caFile = p('ca.crt');
  return d;
}

export function kubeconfigYaml(state, token, user) {
  const ca = fs.readFileSync(state.caFile).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: svc-explain-local
  cluster:
    server: ${state.server}
    certificate-authority-data: ${ca}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: svc-explain-local
  context:
    cluster: svc-explain-local
    user: ${user}
    namespace: default
current-context: svc-explain-local
`;
}

export function hasNetnsSupport() {
  if (process.getuid && process.getuid() !== 0) return 'not running as root (ip netns needs CAP_SYS_ADMIN)';
  for (const tool of ['ip', 'iptables', 'iptables-save', 'iptables-restore']) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`]);
    if (r.status !== 0) return `${tool} not found (run scripts/cluster/install-deps.sh)`;
  }
  return null;
}

/** Why kube-proxy's nftables mode cannot run here (no nft tool), or null. */
export function hasNftSupport() {
  return spawnSync('sh', ['-c', 'command -v nft']).status === 0 ? null : 'nft not found (run scripts/cluster/install-deps.sh)';
}

/** Stop everything a state describes. Idempotent; safe on partial starts. */
export async function stopCluster(state, { quiet = false, graceMs = 5_000 } = {}) {
  if (!state) return;
  const say = quiet ? () => {} : log;
  // Reverse start order, one at a time: clients (kube-proxy, controller manager) go before the
  // apiserver, the apiserver before etcd (an apiserver whose etcd is gone hangs in shutdown).
  const procs = [...(state.processes || [])].reverse().filter((p) => p.pid !== process.pid);
  const signal = (p, sig) => {
    try {
      process.kill(-p.pid, sig);
    } catch {
      try {
        process.kill(p.pid, sig);
      } catch {}
    }
  };
  for (const p of procs) {
    if (!isOurs(p)) continue;
    signal(p, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && isOurs(p)) await sleep(50);
    if (isOurs(p)) {
      log(`${p.name} (pid ${p.pid}) still running ${graceMs} ms after SIGTERM; sending SIGKILL`);
      signal(p, 'SIGKILL');
      const killDeadline = Date.now() + 5_000;
      while (Date.now() < killDeadline && isOurs(p)) await sleep(50);
    }
  }
  for (const netns of new Set([state.netns, ...(state.netnses ?? [])].filter(Boolean))) {
    // Anything still inside the namespace (there should be nothing) goes too.
    const r = spawnSync('ip', ['netns', 'pids', netns], { encoding: 'utf8' });
    for (const pid of (r.stdout || '').split(/\s+/).filter(Boolean).map(Number)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    spawnSync('ip', ['netns', 'delete', netns], { stdio: 'ignore' });
  }
  if (state.runDir && state.runDir.includes('svc-explain-run-') && process.env.SVC_EXPLAIN_KEEP_RUN_DIR !== '1') {
    fs.rmSync(state.runDir, { recursive: true, force: true });
  }
  if (state.stateDir) {
    try {
      const cur = readState(state.stateDir);
      if (cur && cur.id === state.id) fs.rmSync(stateFile(state.stateDir), { force: true });
      // Private state directories of test runs go with their cluster.
      if (path.basename(state.stateDir).startsWith('svc-explain-test-state-')) fs.rmdirSync(state.stateDir);
    } catch {}
  }
  say(`stopped cluster ${state.id}`);
}
