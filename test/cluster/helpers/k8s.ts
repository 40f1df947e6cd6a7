// Helpers for tests against the local control plane: fake Nodes and Pods the way kwok does it
// (create the objects, then write their status), polling for controller output, and read-outs
// of Endpoints, EndpointSlices and kube-proxy's nat table.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import {
  ApiException,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  type V1Container,
  type V1ContainerPort,
  type V1Endpoints,
  type V1Node,
  type V1Pod,
  type V1PodSpec,
  type V1Service,
  type V1ServiceSpec,
  type V1EndpointSlice,
} from '@kubernetes/client-node';
import { inject } from 'vitest';
import type { ClusterInfo } from './cluster-info.js';

export type { ClusterInfo } from './cluster-info.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** The cluster started by the global setup. */
export function cluster(): ClusterInfo {
  return inject('cluster');
}

export interface Clients {
  kc: KubeConfig;
  core: CoreV1Api;
  discovery: DiscoveryV1Api;
}

let cached: Clients | undefined;
/** Admin API clients for the test cluster (or for `kubeconfig` when given). */
export function clients(kubeconfig?: string): Clients {
  if (!kubeconfig && cached) return cached;
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig ?? cluster().kubeconfig);
  const c = { kc, core: kc.makeApiClient(CoreV1Api), discovery: kc.makeApiClient(DiscoveryV1Api) };
  if (!kubeconfig) cached = c;
  return c;
}

export function isNotFound(e: unknown): boolean {
  return e instanceof ApiException && e.code === 404;
}

// ---------------------------------------------------------------------------------------------
// Polling

export interface WaitOptions {
  /** Default 30 s. */
  timeoutMs?: number;
  /** Default 200 ms. */
  intervalMs?: number;
  /** Shown in the timeout error. */
  what?: string;
}

/**
 * Poll `fn` until it returns a value that is not undefined/null/false and does not throw; return
 * that value. On timeout, throws with the last error (so expect() failures inside `fn` show up).
 */
export async function waitFor<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, opts: WaitOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const intervalMs = opts.intervalMs ?? 200;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== null && v !== false) return v as T;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const msg = `waitFor${opts.what ? ` (${opts.what})` : ''} timed out after ${timeoutMs} ms`;
      if (lastError instanceof Error) {
        lastError.message = `${msg}; last error: ${lastError.message}`;
        throw lastError;
      }
      throw new Error(msg);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Poll until `assertions` runs without throwing (use expect() inside); returns its result. */
export function eventually<T>(assertions: () => Promise<T> | T, opts: WaitOptions = {}): Promise<T> {
  return waitFor(async () => ({ value: await assertions() }), opts).then((r) => r.value);
}

// ---------------------------------------------------------------------------------------------
// Namespaces

export function randomSuffix(n = 5): string {
  return randomBytes(8).toString('hex').slice(0, n);
}

/** Create a namespace `<prefix>-<random>` and return its name. */
export async function createNamespace(prefix = 'svcx'): Promise<string> {
  const name = `${prefix}-${randomSuffix()}`;
  await clients().core.createNamespace({ body: { metadata: { name, labels: { 'svc-explain.test/suite': 'cluster' } } } });
  return name;
}

/**
 * Delete a namespace and everything in it. Pods held by finalizers or long grace periods (there is
 * no kubelet to finish them) are released and force-deleted first so the namespace really goes.
 * Does not wait for the namespace to disappear unless `wait` is set.
 */
export async function deleteNamespace(namespace: string, { wait = false } = {}): Promise<void> {
  const { core } = clients();
  const pods = await core.listNamespacedPod({ namespace }).catch(() => ({ items: [] as V1Pod[] }));
  for (const p of pods.items) {
    const name = p.metadata!.name!;
    if (p.metadata?.finalizers?.length) {
      await core.patchNamespacedPod({ name, namespace, body: { metadata: { finalizers: null } } }, mergePatch).catch(() => {});
    }
    await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch(() => {});
  }
  await core.deleteNamespace({ name: namespace }).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
  if (wait) {
    await waitFor(async () => {
      try {
        await core.readNamespace({ name: namespace });
        return false;
      } catch (e) {
        if (isNotFound(e)) return true;
        throw e;
      }
    }, { timeoutMs: 60_000, what: `namespace ${namespace} deleted` });
  }
}

// ---------------------------------------------------------------------------------------------
// Nodes

export interface NodeOptions {
  /** topology.kubernetes.io/zone label. */
  zone?: string;
  /** InternalIP address in status (default: a random 10.255.x.y address). */
  ip?: string;
  labels?: Record<string, string>;
  /** Ready condition (default true). */
  ready?: boolean;
}

function randomNodeIP(): string {
  const h = randomBytes(2);
  return `10.255.${1 + (h[0] % 250)}.${1 + (h[1] % 250)}`;
}

/**
 * Create a fake Node (no kubelet) and write its status: Ready condition and InternalIP/Hostname
 * addresses. Nodes are cluster-scoped: use unique names (e.g. with randomSuffix()).
 */
export async function createNode(name: string, opts: NodeOptions = {}): Promise<V1Node> {
  const { core } = clients();
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, 'svc-explain.test/fake': 'true', ...(opts.labels ?? {}) };
  if (opts.zone) labels['topology.kubernetes.io/zone'] = opts.zone;
  await core.createNode({ body: { metadata: { name, labels }, spec: {} } });
  const now = new Date();
  return core.patchNodeStatus(
    {
      name,
      body: {
        status: {
          addresses: [{ type: 'InternalIP', address: opts.ip ?? randomNodeIP() }, { type: 'Hostname', address: name }],
          conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'fake node', lastHeartbeatTime: now, lastTransitionTime: now }],
        },
      },
    },
    mergePatch,
  );
}

export async function deleteNode(name: string): Promise<void> {
  await clients().core.deleteNode({ name }).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
}

// ---------------------------------------------------------------------------------------------
// Pods

export interface PodOptions {
  labels?: Record<string, string>;
  /** spec.nodeName (must name an existing Node for the EndpointSlice controller to include the Pod). */
  node?: string;
  /** Ports of the single container `app` (ignored when `containers` is given). */
  ports?: V1ContainerPort[];
  containers?: V1Container[];
  initContainers?: V1Container[];
  hostname?: string;
  subdomain?: string;
  /** Anything else for the spec (merged last). */
  spec?: Partial<V1PodSpec>;
  annotations?: Record<string, string>;
}

/** Create a Pod bound to a Node (spec.nodeName), with status still Pending as the API leaves it. */
export async function createPod(namespace: string, name: string, opts: PodOptions = {}): Promise<V1Pod> {
  const containers = opts.containers ?? [{ name: 'app', image: 'registry.invalid/app:1', ports: opts.ports ?? [] }];
  const spec: V1PodSpec = {
    containers,
    ...(opts.initContainers ? { initContainers: opts.initContainers } : {}),
    ...(opts.node ? { nodeName: opts.node } : {}),
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    ...(opts.subdomain ? { subdomain: opts.subdomain } : {}),
    terminationGracePeriodSeconds: 30,
    ...(opts.spec ?? {}),
  };
  return clients().core.createNamespacedPod({
    namespace,
    body: { metadata: { name, labels: opts.labels ?? {}, annotations: opts.annotations }, spec },
  });
}

export interface PodStatusOptions {
  /** Default Running. */
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** podIP / podIPs (first entry is podIP). Use non-loopback addresses, e.g. 10.244.x.y. */
  ips?: string[];
  /** Ready condition; omitted when undefined. */
  ready?: boolean;
  /** Also write a ContainersReady condition and per-container statuses (default true). */
  containerStatuses?: boolean;
  hostIP?: string;
}

/**
 * Merge-patch the Pod's status subresource the way a kubelet would (kwok style): phase, IPs,
 * Ready/ContainersReady conditions, container statuses.
 */
export async function setPodStatus(namespace: string, name: string, s: PodStatusOptions): Promise<V1Pod> {
  const { core } = clients();
  const pod = await core.readNamespacedPod({ name, namespace });
  const now = new Date().toISOString();
  const status: Record<string, unknown> = { phase: s.phase ?? 'Running' };
  if (s.ips) {
    status.podIP = s.ips[0] ?? null;
    status.podIPs = s.ips.map((ip) => ({ ip }));
  }
  if (s.hostIP) {
    status.hostIP = s.hostIP;
    status.hostIPs = [{ ip: s.hostIP }];
  }
  const conditions: Array<Record<string, unknown>> = [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now }];
  if (s.ready !== undefined) {
    const st = s.ready ? 'True' : 'False';
    conditions.push({ type: 'Initialized', status: 'True', lastTransitionTime: now });
    conditions.push({ type: 'Ready', status: st, lastTransitionTime: now });
    if (s.containerStatuses !== false) conditions.push({ type: 'ContainersReady', status: st, lastTransitionTime: now });
  }
  status.conditions = conditions;
  if (s.containerStatuses !== false) {
    const running = (s.phase ?? 'Running') === 'Running';
    const exitCode = s.phase === 'Failed' ? 1 : 0;
    status.containerStatuses = (pod.spec?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready: Boolean(s.ready) && running,
      restartCount: 0,
      started: running,
      state: running
        ? { running: { startedAt: now } }
        : s.phase === 'Succeeded' || s.phase === 'Failed'
          ? { terminated: { exitCode, reason: exitCode ? 'Error' : 'Completed', startedAt: now, finishedAt: now } }
          : { waiting: { reason: 'ContainerCreating' } },
    }));
  }
  return core.patchNamespacedPodStatus({ name, namespace, body: { status } }, mergePatch);
}

/** createPod + setPodStatus(Running, ip, ready). */
export async function runPod(namespace: string, name: string, opts: PodOptions & { ip: string; ready?: boolean; ips?: string[] }): Promise<V1Pod> {
  await createPod(namespace, name, opts);
  return setPodStatus(namespace, name, { phase: 'Running', ips: opts.ips ?? [opts.ip], ready: opts.ready ?? true });
}

export const HOLD_FINALIZER = 'svc-explain.test/hold';

/**
 * Make a Pod terminating (deletionTimestamp set, object still there). `finalizer` (default): add
 * a finalizer, then delete; `grace`: delete with a long grace period (no kubelet ever confirms).
 */
export async function terminatePod(namespace: string, name: string, { via = 'finalizer', gracePeriodSeconds = 3600 }: { via?: 'finalizer' | 'grace'; gracePeriodSeconds?: number } = {}): Promise<V1Pod> {
  const { core } = clients();
  if (via === 'finalizer') {
    await core.patchNamespacedPod({ name, namespace, body: { metadata: { finalizers: [HOLD_FINALIZER] } } }, mergePatch);
  }
  await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds });
  return waitFor(async () => {
    const p = await core.readNamespacedPod({ name, namespace });
    return p.metadata?.deletionTimestamp ? p : false;
  }, { what: `pod ${namespace}/${name} terminating` });
}

/** Remove the hold finalizer and force-delete the Pod. */
export async function releasePod(namespace: string, name: string): Promise<void> {
  const { core } = clients();
  await core.patchNamespacedPod({ name, namespace, body: { metadata: { finalizers: null } } }, mergePatch).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
  await core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }).catch((e) => {
    if (!isNotFound(e)) throw e;
  });
}

// ---------------------------------------------------------------------------------------------
// Services, Endpoints, EndpointSlices

export async function createService(namespace: string, name: string, spec: V1ServiceSpec, meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Promise<V1Service> {
  return clients().core.createNamespacedService({ namespace, body: { metadata: { name, ...meta }, spec } });
}

export async function getEndpoints(namespace: string, name: string): Promise<V1Endpoints | undefined> {
  try {
    return await clients().core.readNamespacedEndpoints({ name, namespace });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** EndpointSlices of a Service (label kubernetes.io/service-name). */
export async function listSlices(namespace: string, service: string): Promise<V1EndpointSlice[]> {
  const r = await clients().discovery.listNamespacedEndpointSlice({ namespace, labelSelector: `kubernetes.io/service-name=${service}` });
  return r.items;
}

export interface AddressSummary {
  ip: string;
  pod?: string;
  nodeName?: string;
  hostname?: string;
}
export interface PortSummary {
  name: string;
  port: number;
  protocol: string;
}
export interface SubsetSummary {
  addresses: AddressSummary[];
  notReadyAddresses: AddressSummary[];
  ports: PortSummary[];
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0);
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** Endpoints subsets in a canonical order (addresses by IP, ports by name/port, subsets sorted) for toEqual. */
export function summarizeEndpoints(ep: V1Endpoints | undefined): SubsetSummary[] {
  const addr = (a: { ip: string; targetRef?: { name?: string }; nodeName?: string; hostname?: string }): AddressSummary =>
    clean({ ip: a.ip, pod: a.targetRef?.name, nodeName: a.nodeName, hostname: a.hostname });
  return (ep?.subsets ?? [])
    .map((s) => ({
      addresses: (s.addresses ?? []).map(addr).sort(byJson),
      notReadyAddresses: (s.notReadyAddresses ?? []).map(addr).sort(byJson),
      ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })).sort(byJson),
    }))
    .sort(byJson);
}

export interface EndpointSummary {
  addresses: string[];
  pod?: string;
  nodeName?: string;
  zone?: string;
  hostname?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}
export interface SliceSummary {
  addressType: string;
  managedBy?: string;
  ports: PortSummary[];
  endpoints: EndpointSummary[];
}

/** EndpointSlices in a canonical order (endpoints by address, ports by name, slices sorted) for toEqual. */
export function summarizeSlices(slices: V1EndpointSlice[]): SliceSummary[] {
  return slices
    .map((s) => ({
      addressType: s.addressType,
      managedBy: s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'],
      ports: (s.ports ?? []).map((p) => ({ name: p.name ?? '', port: p.port ?? 0, protocol: p.protocol ?? 'TCP' })).sort(byJson),
      endpoints: (s.endpoints ?? [])
        .map((e) =>
          clean({
            addresses: [...e.addresses].sort(),
            pod: e.targetRef?.name,
            nodeName: e.nodeName,
            zone: e.zone,
            hostname: e.hostname,
            ready: e.conditions?.ready,
            serving: e.conditions?.serving,
            terminating: e.conditions?.terminating,
          }),
        )
        .sort(byJson),
    }))
    .sort(byJson);
}

/** Poll the Service's Endpoints until `check` (expect()-style, may throw) passes; returns the summary. */
export async function waitForEndpoints(namespace: string, service: string, check: (s: SubsetSummary[], ep: V1Endpoints) => void | boolean, opts: WaitOptions = {}): Promise<SubsetSummary[]> {
  return waitFor(async () => {
    const ep = await getEndpoints(namespace, service);
    if (!ep) return false;
    const s = summarizeEndpoints(ep);
    return check(s, ep) === false ? false : s;
  }, { what: `Endpoints ${namespace}/${service}`, ...opts });
}

/** Poll the Service's EndpointSlices until `check` passes; returns the summary. */
export async function waitForSlices(namespace: string, service: string, check: (s: SliceSummary[], raw: V1EndpointSlice[]) => void | boolean, opts: WaitOptions = {}): Promise<SliceSummary[]> {
  return waitFor(async () => {
    const raw = await listSlices(namespace, service);
    const s = summarizeSlices(raw);
    return check(s, raw) === false ? false : s;
  }, { what: `EndpointSlices ${namespace}/${service}`, ...opts });
}

// ---------------------------------------------------------------------------------------------
// kube-proxy (iptables mode)

/** `iptables-save -t nat` inside kube-proxy's network namespace. Throws when there is no kube-proxy. */
export function iptablesSave(table: 'nat' | 'filter' = 'nat', family: 'IPv4' | 'IPv6' = 'IPv4'): string {
  const p = cluster().proxy;
  if (!p) throw new Error('the test cluster runs without kube-proxy (--no-proxy)');
  return execFileSync('ip', ['netns', 'exec', p.netns, family === 'IPv6' ? 'ip6tables-save' : 'iptables-save', '-t', table], { encoding: 'utf8' });
}

/** `nft list ...` in the namespace of the nftables-mode kube-proxy, e.g. nftList('chain', 'ip', 'kube-proxy', name). */
export function nftList(...args: string[]): string {
  const p = cluster().nftProxy;
  if (!p) throw new Error('the test cluster runs without kube-proxy in nftables mode');
  return execFileSync('ip', ['netns', 'exec', p.netns, 'nft', 'list', ...args], { encoding: 'utf8' });
}

export interface NatTable {
  /** Declared chains (`:NAME ...` lines). */
  chains: Set<string>;
  /** Rules per chain, in order, each without the leading `-A CHAIN `. */
  rules: Map<string, string[]>;
}

export function parseIptablesSave(text: string): NatTable {
  const chains = new Set<string>();
  const rules = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) chains.add(line.slice(1).split(' ')[0]);
    else if (line.startsWith('-A ')) {
      const rest = line.slice(3);
      const i = rest.indexOf(' ');
      const chain = rest.slice(0, i);
      if (!rules.has(chain)) rules.set(chain, []);
      rules.get(chain)!.push(rest.slice(i + 1));
    }
  }
  return { chains, rules };
}

function base32(buf: Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function hash16(s: string): string {
  return base32(createHash('sha256').update(s).digest()).slice(0, 16);
}

/** kube-proxy's service-port name: `ns/name` plus `:port` when the Service port has a name. */
export function servicePortName(namespace: string, service: string, portName = ''): string {
  return `${namespace}/${service}${portName ? `:${portName}` : ''}`;
}

/** KUBE-SVC-<hash> for a Service port (protocol as in the Service, any case). */
export function svcChain(namespace: string, service: string, portName: string, protocol = 'TCP'): string {
  return `KUBE-SVC-${hash16(servicePortName(namespace, service, portName) + protocol.toLowerCase())}`;
}

/** KUBE-SEP-<hash> for one endpoint `ip:port` of a Service port. */
export function sepChain(namespace: string, service: string, portName: string, protocol: string, ip: string, port: number): string {
  const ep = ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
  return `KUBE-SEP-${hash16(servicePortName(namespace, service, portName) + protocol.toLowerCase() + ep)}`;
}

/** Probability text iptables-save prints for rule i of n (kube-proxy writes 1/(n-i) as %0.10f). */
export function probabilityText(i: number, n: number): string {
  // iptables stores the probability as a 32-bit fraction of 2^31 and prints it with 11 decimals.
  const written = Number((1 / (n - i)).toFixed(10));
  const stored = Math.round(written * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

/** kube-proxy sorts endpoints as text "IP:port" (so 10.0.0.10 comes before 10.0.0.9). */
export function kubeProxyOrder(endpoints: Array<{ ip: string; port: number }>): Array<{ ip: string; port: number }> {
  return [...endpoints].sort((a, b) => {
    const x = `${a.ip}:${a.port}`;
    const y = `${b.ip}:${b.port}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Poll kube-proxy's nat table until `check` passes; returns the parsed table. */
export async function waitForNat(check: (nat: NatTable, text: string) => void | boolean, opts: WaitOptions = {}): Promise<NatTable> {
  return waitFor(() => {
    const text = iptablesSave('nat');
    const nat = parseIptablesSave(text);
    return check(nat, text) === false ? false : nat;
  }, { what: 'kube-proxy nat rules', ...opts });
}

// ---------------------------------------------------------------------------------------------
// Per-file fixture

/**
 * A namespace for one test (or file) plus fake Nodes, cleaned up by `cleanup()`.
 *   const f = await fixture('svc'); ... await f.cleanup();
 */
export async function fixture(prefix = 'svcx', { nodes = [] as Array<{ name?: string; zone?: string }> } = {}) {
  const namespace = await createNamespace(prefix);
  const nodeNames: string[] = [];
  for (const n of nodes) {
    const name = n.name ?? `node-${randomSuffix()}`;
    await createNode(name, { zone: n.zone });
    nodeNames.push(name);
  }
  return {
    namespace,
    nodes: nodeNames,
    async cleanup() {
      await deleteNamespace(namespace);
      for (const n of nodeNames) await deleteNode(n);
    },
  };
}

export interface SvcJump {
  sep: string;
  /** `--probability` text as iptables-save prints it, undefined for the last rule. */
  probability?: string;
}

/** The load-balancing jumps of a KUBE-SVC chain (rules ending in `-j KUBE-SEP-…` without `-m recent`). */
export function svcJumps(nat: NatTable, chain: string): SvcJump[] {
  return (nat.rules.get(chain) ?? [])
    .filter((r) => / -j KUBE-SEP-[A-Z2-7]{16}$/.test(r) && !r.includes('-m recent'))
    .map((r) => {
      const sep = r.slice(r.lastIndexOf('-j ') + 3);
      const m = /--probability (\S+)/.exec(r);
      return m ? { sep, probability: m[1] } : { sep };
    });
}

/** Expected jumps for endpoints in kube-proxy's order: rule i of n has probability 1/(n-i), the last none. */
export function expectedJumps(namespace: string, service: string, portName: string, protocol: string, endpoints: Array<{ ip: string; port: number }>): SvcJump[] {
  const ordered = kubeProxyOrder(endpoints);
  return ordered.map((e, i) => {
    const sep = sepChain(namespace, service, portName, protocol, e.ip, e.port);
    return i < ordered.length - 1 ? { sep, probability: probabilityText(i, ordered.length) } : { sep };
  });
}

/**
 * A create through the API server's REST API, a server-side dry run unless `dryRun` is false: whether
 * it accepts the object (a Service unless `collection` says otherwise), its Warning headers and its answer.
 */
export function dryRunCreate(namespace: string, object: object, dryRun = true, collection = 'api/v1/namespaces/NS/services'): Promise<{ accepted: boolean; warnings: string[]; body: string }> {
  const data = JSON.stringify(object);
  return new Promise((resolve, reject) => {
    const req = https.request(`${cluster().server}/${collection.replace('NS', namespace)}${dryRun ? '?dryRun=All' : ''}`, {
      method: 'POST',
      ca: fs.readFileSync(cluster().caFile),
      headers: { Authorization: `Bearer ${cluster().adminToken}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) },
    }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        const header = res.headers.warning;
        const warnings = (Array.isArray(header) ? header : header ? [header] : []).map((w) => w.replace(/^299 - "?|"$/g, '').replaceAll('\\"', '"'));
        resolve({ accepted: (res.statusCode ?? 0) < 300, warnings, body });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}
