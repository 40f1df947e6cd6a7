// Seeded, reproducible random scenarios for the integration suite: one Service plus the Pods (or the
// hand-written Endpoints) behind it. A scenario is a pure function of (seed, index), so a failure is
// reproduced with SVC_EXPLAIN_SEED=<seed> SVC_EXPLAIN_SCENARIOS=<index> (see random-scenarios.test.ts).
import type { V1Container, V1ContainerPort, V1Endpoint, DiscoveryV1EndpointPort as V1EndpointPort, V1EndpointSubset, V1ServicePort, V1ServiceSpec } from '@kubernetes/client-node';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed for scenario `index` of run `seed` (FNV-1a over the text). */
export function scenarioSeed(seed: number, index: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${index}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

class Pick {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  one<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: ReadonlyArray<[T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      if ((r -= w) < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

export type PodState =
  | 'ready'
  | 'unready'
  | 'terminating-ready'
  | 'terminating-unready'
  | 'failed'
  | 'succeeded'
  | 'pending-no-ip'
  | 'running-no-ip';

export interface GeneratedPod {
  name: string;
  labels: Record<string, string>;
  /** An existing Node, or a name no Node has. */
  node: string;
  containers: V1Container[];
  initContainers?: V1Container[];
  hostname?: string;
  subdomain?: string;
  state: PodState;
  /** status.podIPs (empty for the no-IP states). */
  ips: string[];
}

export interface Scenario {
  seed: number;
  index: number;
  /** Service name (unique in the batch namespace). */
  name: string;
  service: V1ServiceSpec;
  pods: GeneratedPod[];
  /** Selectorless Services: the hand-written Endpoints (mirrored into slices by the mirroring controller). */
  endpoints?: { labels?: Record<string, string>; subsets: V1EndpointSubset[] };
  /** Features this scenario exercises, for the run's coverage line. */
  tags: string[];
  /** EndpointSlices no endpoint controller maintains (mesh, leftover, hand-made, another proxy's), created with the Service. */
  extraSlices?: ExtraSlice[];
  /** Pods matching the selector in the batch's other namespace (never selected: a Service selects its own namespace only). */
  elsewherePods?: GeneratedPod[];
}

/** A foreign EndpointSlice labelled for the scenario's Service. */
export interface ExtraSlice {
  name: string;
  labels: Record<string, string>;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: V1Endpoint[];
  ports: V1EndpointPort[];
}

export interface GeneratorNodes {
  /** Existing Nodes Pods may run on (the kube-proxy Node first when there is one). */
  existing: string[];
  /** A name that no Node has. */
  ghost: string;
  /** A Node the suite deletes after the first comparison, so its Pods sit on a Node deleted after publishing. */
  doomed?: string;
  /** The cluster's Kubernetes minor: values it does not accept yet are replaced after the draw (the stream stays the same). */
  kubernetesMinor?: number;
}

const PORT_NAMES = ['http', 'metrics', 'dns', 'admin'] as const;
const PROTOCOLS: ReadonlyArray<['TCP' | 'UDP', number]> = [['TCP', 3], ['UDP', 1]];

/** Pod IPs: unique per (index, pod) so scenarios in one run never share an address by accident. */
function podIp(index: number, pod: number): string {
  const k = index * 10 + pod;
  return `10.244.${100 + Math.floor(k / 250)}.${1 + (k % 250)}`;
}
function podIp6(index: number, pod: number): string {
  return `fd00:10:244::${(index * 10 + pod).toString(16)}`;
}

function genContainerPorts(p: Pick, used: Set<string>): V1ContainerPort[] {
  const ports: V1ContainerPort[] = [];
  const n = p.int(0, 3);
  for (let i = 0; i < n; i++) {
    const protocol = p.weighted(PROTOCOLS);
    const containerPort = p.one([8080, 8081, 9100, 5353, 9000 + p.int(0, 20)]);
    const key = `${containerPort}/${protocol}`;
    if (used.has(key)) continue;
    used.add(key);
    const port: V1ContainerPort = { containerPort, protocol };
    if (p.chance(0.8)) port.name = p.one(PORT_NAMES);
    // Two ports with the same name in one Pod are invalid; skip the duplicate.
    if (port.name && ports.some((q) => q.name === port.name)) delete port.name;
    ports.push(port);
  }
  return ports;
}

function dedupeNames(containers: V1Container[]): void {
  // Port names must be unique across all containers of a Pod (validation); drop later duplicates.
  const seen = new Set<string>();
  for (const c of containers) {
    for (const port of c.ports ?? []) {
      if (!port.name) continue;
      if (seen.has(port.name)) delete port.name;
      else seen.add(port.name);
    }
  }
}

function genServicePorts(p: Pick, tags: string[]): V1ServicePort[] {
  const n = p.weighted([[1, 5], [2, 3], [3, 2]] as Array<[number, number]>);
  const ports: V1ServicePort[] = [];
  const usedNames = new Set<string>();
  const usedPorts = new Set<string>();
  for (let i = 0; i < n; i++) {
    const protocol = p.weighted(PROTOCOLS);
    const port = p.one([80, 443, 53, 8080, 9100]);
    if (usedPorts.has(`${port}/${protocol}`)) continue;
    usedPorts.add(`${port}/${protocol}`);
    const sp: V1ServicePort = { port, protocol };
    const kind = p.weighted([['named', 5], ['number', 3], ['omitted', 2]] as Array<[string, number]>);
    if (kind === 'named') {
      sp.targetPort = p.one(PORT_NAMES) as never;
      tags.push(`named-target-${protocol}`);
    } else if (kind === 'number') {
      sp.targetPort = p.one([8080, 8081, 9100, 5353]) as never;
    }
    let name = n > 1 || p.chance(0.5) ? `p${i}-${p.one(['web', 'm', 'x'])}` : undefined;
    if (name && usedNames.has(name)) name = `p${i}-z`;
    if (name) {
      usedNames.add(name);
      sp.name = name;
    }
    if (protocol === 'UDP') tags.push('udp');
    if (p.chance(0.1)) {
      sp.appProtocol = p.one(['http', 'kubernetes.io/h2c', 'example.com/custom']);
      tags.push('app-protocol');
    }
    ports.push(sp);
  }
  if (ports.length > 1) tags.push('multi-port');
  // With more than one port every port needs a name; the loop above names them all when n > 1.
  if (ports.length > 1) ports.forEach((sp, i) => (sp.name ??= `p${i}`));
  return ports;
}

/**
 * The Service's IP families, drawn from their own stream `q` (so adding them left every other draw of
 * a seed as it was). The test cluster's Service range is dual-stack, IPv4 first: without a policy a
 * Service is single-stack IPv4; PreferDualStack/RequireDualStack get both families, in the order
 * given by ipFamilies or IPv4 first; ipFamilies [IPv6] alone makes a single-stack IPv6 Service.
 */
function genFamilies(q: Pick, spec: V1ServiceSpec, legacyPreferDual: boolean, tags: string[]): void {
  if (legacyPreferDual) {
    spec.ipFamilyPolicy = 'PreferDualStack';
    tags.push('prefer-dual-stack');
    return;
  }
  const kind = q.weighted([
    ['default', 10], ['prefer-v4v6', 2], ['prefer-v6v4', 2], ['require-v4v6', 2], ['require-v6v4', 2],
    ['require-default', 1], ['single-v6', 1],
  ] as Array<[string, number]>);
  switch (kind) {
    case 'default':
      return;
    case 'prefer-v4v6':
    case 'prefer-v6v4':
      spec.ipFamilyPolicy = 'PreferDualStack';
      spec.ipFamilies = kind === 'prefer-v4v6' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];
      tags.push('prefer-dual-stack', `families-${kind.slice(-4)}`);
      return;
    case 'require-v4v6':
    case 'require-v6v4':
      spec.ipFamilyPolicy = 'RequireDualStack';
      spec.ipFamilies = kind === 'require-v4v6' ? ['IPv4', 'IPv6'] : ['IPv6', 'IPv4'];
      tags.push('require-dual-stack', `families-${kind.slice(-4)}`);
      return;
    case 'require-default':
      spec.ipFamilyPolicy = 'RequireDualStack';
      tags.push('require-dual-stack');
      return;
    case 'single-v6':
      spec.ipFamilyPolicy = 'SingleStack';
      spec.ipFamilies = ['IPv6'];
      tags.push('single-stack-ipv6');
      return;
  }
}

/** Whether the Service asks for IPv6 (dual-stack or IPv6 only), so its Pods get IPv6 addresses more often. */
function wantsIpv6(spec: V1ServiceSpec): boolean {
  return spec.ipFamilyPolicy === 'PreferDualStack' || spec.ipFamilyPolicy === 'RequireDualStack' || (spec.ipFamilies ?? []).includes('IPv6');
}

function genPods(p: Pick, q: Pick, v6: boolean, index: number, name: string, selector: Record<string, string>, nodes: GeneratorNodes, tags: string[]): GeneratedPod[] {
  const pods: GeneratedPod[] = [];
  const n = p.weighted([[0, 1], [1, 3], [2, 3], [3, 3], [4, 2], [6, 1]] as Array<[number, number]>);
  for (let j = 0; j < n; j++) {
    const state = p.weighted<PodState>([
      ['ready', 10], ['unready', 3], ['terminating-ready', 2], ['terminating-unready', 1],
      ['failed', 1], ['succeeded', 1], ['pending-no-ip', 1], ['running-no-ip', 1],
    ]);
    tags.push(`pod-${state}`);
    const used = new Set<string>();
    const containers: V1Container[] = [{ name: 'app', image: 'registry.invalid/app:1', ports: genContainerPorts(p, used) }];
    if (p.chance(0.25)) containers.push({ name: 'extra', image: 'registry.invalid/extra:1', ports: genContainerPorts(p, used) });
    let initContainers: V1Container[] | undefined;
    if (p.chance(0.2)) {
      const sidecar = p.chance(0.7);
      tags.push(sidecar ? 'native-sidecar' : 'plain-init-ports');
      initContainers = [{ name: 'init', image: 'registry.invalid/init:1', ports: genContainerPorts(p, used), ...(sidecar ? { restartPolicy: 'Always' } : {}) }];
    }
    dedupeNames([...containers, ...(initContainers ?? [])]);
    const labels: Record<string, string> = { ...selector };
    // Some Pods miss the second selector label, so the Service does not select them.
    if (selector.tier && p.chance(0.25)) {
      delete labels.tier;
      tags.push('unselected-pod');
    }
    const node = p.chance(0.1) ? nodes.ghost : p.one(nodes.existing);
    if (node === nodes.ghost) tags.push('ghost-node');
    const pod: GeneratedPod = { name: `${name}-${j}`, labels, node, containers, state, ips: [] };
    if (initContainers) pod.initContainers = initContainers;
    if (p.chance(0.3)) {
      pod.hostname = `h${j}`;
      pod.subdomain = p.chance(0.7) ? name : 'elsewhere';
      tags.push(pod.subdomain === name ? 'hostname-subdomain' : 'hostname-other-subdomain');
    }
    if (state !== 'pending-no-ip' && state !== 'running-no-ip') {
      // IP reuse: a terminal Pod may carry the address of an earlier Pod of this scenario.
      const terminal = state === 'failed' || state === 'succeeded';
      // Two live Pods with one IP (a misbehaving CNI, or a hand-set status) is rarer but legal.
      const reuse = j > 0 && pods[j - 1].ips.length > 0 && p.chance(terminal ? 0.4 : 0.05);
      const ip = reuse ? pods[j - 1].ips[0] : podIp(index, j);
      if (reuse) tags.push(terminal ? 'ip-reuse' : 'ip-shared-live');
      const drawn = p.weighted([['v4', 14], ['dual', 4], ['v6', 1]] as Array<[string, number]>);
      // Services that ask for IPv6: mostly dual-stack Pods, some with one family only.
      const family = v6 ? q.weighted([['v4', 2], ['dual', 6], ['v6', 2]] as Array<[string, number]>) : drawn;
      // One address per family at most (validation): a reused IPv6 address stays the only one.
      pod.ips = ip.includes(':') ? [ip] : family === 'v6' && !reuse ? [podIp6(index, j)] : family === 'dual' ? [ip, podIp6(index, j)] : [ip];
      if (pod.ips.length > 1) tags.push('dual-stack-pod-ips');
      if (pod.ips.length === 1 && pod.ips[0].includes(':')) tags.push('ipv6-only-pod');
    }
    pods.push(pod);
  }
  return pods;
}

/** An IPv6 address written out in full (fd00:10:244:0:0:0:0:5): valid, but not how the controllers print it. */
function longForm(ip: string): string {
  const [head, tail] = ip.split('::');
  const left = head.split(':');
  const right = tail ? tail.split(':') : [];
  return [...left, ...Array(8 - left.length - right.length).fill('0'), ...right].join(':');
}

function genEndpoints(p: Pick, q: Pick, index: number, nodes: GeneratorNodes, tags: string[]): NonNullable<Scenario['endpoints']> {
  const subsets: V1EndpointSubset[] = [];
  const n = p.int(1, 2);
  let k = 0;
  for (let s = 0; s < n; s++) {
    const addr = () => {
      // Hand-written addresses of either family (from the family stream, so the rest stays as it was).
      const v6 = q.chance(0.25);
      const ip = v6 ? podIp6(index, k) : podIp(index, k);
      k += 1;
      if (v6) tags.push('mirrored-ipv6');
      const a: Record<string, unknown> = { ip: v6 && q.chance(0.3) ? longForm(ip) : ip };
      if (v6 && a.ip !== ip) tags.push('mirrored-ipv6-long-form');
      if (p.chance(0.3)) a.hostname = `m${k}`;
      if (p.chance(0.3)) a.nodeName = p.one([...nodes.existing, nodes.ghost]);
      if (p.chance(0.2)) {
        a.targetRef = { kind: 'Pod', name: `external-${k}` };
        tags.push('endpoints-target-ref');
      }
      return a;
    };
    const addresses = Array.from({ length: p.int(0, 3) }, addr);
    const notReadyAddresses = Array.from({ length: p.weighted([[0, 3], [1, 1], [2, 1]] as Array<[number, number]>) }, addr);
    // The same IP in both lists of one subset: a hand-written oddity the mirroring controller must handle.
    if (addresses.length && p.chance(0.15)) {
      notReadyAddresses.push({ ...(addresses[0] as object) });
      tags.push('endpoints-duplicate-ip');
    }
    const portCount = p.int(1, 2);
    const ports = Array.from({ length: portCount }, (_, i) => ({
      name: portCount === 1 && p.chance(0.4) ? undefined : `e${s}${i}`,
      port: p.one([80, 8080, 53, 9100]) + i,
      protocol: p.weighted(PROTOCOLS),
    })).map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)));
    if (!addresses.length && !notReadyAddresses.length) continue;
    subsets.push({ addresses, notReadyAddresses, ports } as unknown as V1EndpointSubset);
  }
  tags.push('mirrored');
  const labels: Record<string, string> = {};
  if (p.chance(0.2)) labels['example.com/team'] = 'a';
  if (p.chance(0.1)) {
    labels['endpointslice.kubernetes.io/skip-mirror'] = 'true';
    tags.push('skip-mirror');
  }
  return { labels, subsets };
}

/** Scenario `index` of run `seed`: deterministic. */
export function generateScenario(seed: number, index: number, nodes: GeneratorNodes): Scenario {
  const p = new Pick(rng(scenarioSeed(seed, index)));
  // IP families come from a second stream, so the rest of a seed's scenarios stayed as they were.
  const q = new Pick(rng(scenarioSeed(seed, index) ^ 0x5bd1e995));
  const name = `s${index}`;
  const tags: string[] = [];
  const kind = p.weighted([['selector', 16], ['selectorless', 3], ['external-name', 1]] as Array<[string, number]>);
  const selector: Record<string, string> = { scn: name };
  if (p.chance(0.3)) selector.tier = 'web';
  const ports = genServicePorts(p, tags);
  const spec: V1ServiceSpec = { ports };
  if (kind === 'external-name') {
    tags.push('external-name');
    spec.type = 'ExternalName';
    spec.externalName = 'db.example.invalid';
    spec.selector = selector;
  } else {
    if (kind === 'selector') spec.selector = selector;
    const type = p.weighted([['ClusterIP', 12], ['headless', 3], ['NodePort', 2]] as Array<[string, number]>);
    tags.push(type);
    if (type === 'headless') {
      spec.clusterIP = 'None';
      if (p.chance(0.2)) delete spec.ports;
    } else if (type === 'NodePort') {
      spec.type = 'NodePort';
      if (p.chance(0.3)) {
        spec.externalTrafficPolicy = 'Local';
        tags.push('etp-local');
      }
    }
    if (p.chance(0.25)) {
      spec.publishNotReadyAddresses = true;
      tags.push('publish-not-ready');
    }
    genFamilies(q, spec, p.chance(0.15), tags);
    if (type === 'headless' && wantsIpv6(spec)) tags.push(spec.ipFamilyPolicy === 'SingleStack' ? 'headless-ipv6' : 'headless-dual-stack');
    if (type !== 'headless' && p.chance(0.1)) {
      spec.internalTrafficPolicy = 'Local';
      tags.push('itp-local');
    }
    if (p.chance(0.15)) {
      spec.trafficDistribution = p.weighted([['PreferClose', 2], ['PreferSameZone', 1], ['PreferSameNode', 1]] as Array<[string, number]>);
      // PreferSameZone and PreferSameNode are accepted from 1.34; before that PreferClose is the only value.
      if ((nodes.kubernetesMinor ?? Infinity) < 34) spec.trafficDistribution = 'PreferClose';
      tags.push(`traffic-${spec.trafficDistribution}`);
    }
    if (type !== 'headless' && p.chance(0.1)) {
      spec.sessionAffinity = 'ClientIP';
      tags.push('session-affinity');
    }
  }
  const scenario: Scenario = { seed, index, name, service: spec, pods: [], tags };
  if (kind === 'selectorless') scenario.endpoints = genEndpoints(p, q, index, nodes, tags);
  else scenario.pods = genPods(p, q, wantsIpv6(spec), index, name, selector, nodes, tags);
  // Drawn from a stream of their own, so every earlier draw of a seed stays as it was.
  const r = new Pick(rng(scenarioSeed(seed, index) ^ 0x27d4eb2f));
  if (kind !== 'external-name') genWiderCases(r, scenario, nodes, tags);
  scenario.tags = [...new Set(tags)].sort();
  return scenario;
}

function foreignIp(index: number, k: number, family: 'IPv4' | 'IPv6'): string {
  const n = index * 8 + k;
  return family === 'IPv6' ? `fd00:10:245::${n.toString(16)}` : `10.245.${Math.floor(n / 250)}.${1 + (n % 250)}`;
}

const FOREIGN_CONDITIONS: ReadonlyArray<[V1Endpoint['conditions'], number]> = [
  [{ ready: true, serving: true, terminating: false }, 4], [{}, 2], [{ ready: false, serving: false, terminating: false }, 1],
  [{ ready: false, serving: true, terminating: true }, 1],
];

/** Foreign slices next to the controllers', Pods on a Node deleted later, and matches in another namespace. */
function genWiderCases(r: Pick, s: Scenario, nodes: GeneratorNodes, tags: string[]): void {
  const spec = s.service;
  if (r.chance(0.18)) {
    const families = (spec.ipFamilies as Array<'IPv4' | 'IPv6'> | undefined) ?? (wantsIpv6(spec) ? ['IPv4', 'IPv6'] : ['IPv4']);
    const family = r.one(families);
    const kind = r.weighted([['mesh', 3], ['leftover', 2], ['hand-made', 2], ['other-proxy', 1], ['headless-label', 1]] as Array<[string, number]>);
    const manager: Record<string, string | undefined> = {
      mesh: 'mesh.example.com', leftover: 'removed-controller.example.com', 'hand-made': undefined, 'other-proxy': 'other-proxy.example.com',
      'headless-label': 'mesh.example.com',
    };
    const labels: Record<string, string> = { 'kubernetes.io/service-name': s.name };
    if (manager[kind]) labels['endpointslice.kubernetes.io/managed-by'] = manager[kind]!;
    // service-proxy-name on a slice hides it from kube-proxy up to 1.35 only (from 1.36 it filters Services by it); the headless label always does.
    if (kind === 'other-proxy') labels['service.kubernetes.io/service-proxy-name'] = 'other-proxy';
    if (kind === 'headless-label') labels['service.kubernetes.io/headless'] = '';
    const ports: V1EndpointPort[] = (spec.ports ?? []).filter(() => r.chance(0.85)).map((sp) => ({
      name: sp.name ?? '', port: r.one([8080, 9443, 7000 + r.int(0, 50)]), protocol: sp.protocol ?? 'TCP',
    }));
    const endpoint = (k: number): V1Endpoint => ({
      addresses: [foreignIp(s.index, k, family)],
      conditions: r.weighted(FOREIGN_CONDITIONS),
      ...(r.chance(0.4) ? { nodeName: r.one(nodes.existing) } : {}),
    });
    const first = Array.from({ length: r.int(1, 2) }, (_, k) => endpoint(k));
    s.extraSlices = [{ name: `${s.name}-${kind}`, labels, addressType: family, endpoints: first, ports }];
    tags.push(`foreign-slice-${kind}`, ...(family === 'IPv6' ? ['foreign-slice-ipv6'] : []));
    if (r.chance(0.3)) {
      // The same IP:port in a second slice, terminating: kube-proxy 1.36+ keeps the non-terminating copy;
      // 1.33-1.35 keep the first copy read (the slices come from a Go map: no fixed order).
      const copy = { ...first[0], conditions: { ready: false, serving: r.chance(0.5), terminating: true } };
      s.extraSlices.push({ name: `${s.name}-${kind}-2`, labels, addressType: family, endpoints: [copy, endpoint(5)], ports });
      tags.push('foreign-slice-duplicate');
    }
  }
  if (nodes.doomed) {
    for (const pod of s.pods) {
      if (pod.node !== nodes.ghost && r.chance(0.08)) {
        pod.node = nodes.doomed;
        tags.push('node-deleted-after-publishing');
      }
    }
  }
  if (spec.selector && r.chance(0.1)) {
    const k = s.index;
    s.elsewherePods = [{
      name: `${s.name}-elsewhere`, labels: { ...spec.selector }, node: nodes.existing[0], state: 'ready',
      containers: [{ name: 'app', image: 'registry.invalid/app:1', ports: [{ name: 'http', containerPort: 8080 }] }],
      ips: [`10.246.${Math.floor(k / 250)}.${1 + (k % 250)}`],
    }];
    tags.push('matches-in-other-namespace');
  }
}

/** The scenario as one compact text, for assertion messages and reproduction. */
export function describeScenario(s: Scenario): string {
  const pods = s.pods.map((pod) => {
    const ports = (cs: V1Container[] | undefined, prefix = '') =>
      (cs ?? []).map((c) => `${prefix}${c.name}${c.restartPolicy ? `(${c.restartPolicy})` : ''}[${(c.ports ?? []).map((q) => `${q.name ?? ''}:${q.containerPort}/${q.protocol}`).join(' ')}]`).join(' ');
    return `    ${pod.name} ${pod.state} node=${pod.node} ips=${pod.ips.join(',') || '-'} labels=${JSON.stringify(pod.labels)}` +
      `${pod.hostname ? ` hostname=${pod.hostname}.${pod.subdomain}` : ''} ${ports(pod.containers)} ${ports(pod.initContainers, 'init:')}`;
  });
  return [
    `scenario seed=${s.seed} index=${s.index} (reproduce: SVC_EXPLAIN_SEED=${s.seed} SVC_EXPLAIN_SCENARIOS=${s.index}) tags=${s.tags.join(',')}`,
    `  service ${s.name}: ${JSON.stringify(s.service)}`,
    ...(s.endpoints ? [`  endpoints: ${JSON.stringify(s.endpoints)}`] : []),
    ...pods,
  ].join('\n');
}

export type MutationOp = 'set-ready' | 'set-unready' | 'terminate' | 'delete' | 'relabel-out' | 'fail' | 'add-pod';

export interface Mutation {
  pod: string;
  op: MutationOp;
  /** For add-pod: the new Pod. */
  added?: GeneratedPod;
}

/** Changes applied after the first convergence (deterministic per scenario): the controllers must follow. */
export function generateMutations(s: Scenario): Mutation[] {
  if (s.endpoints || s.service.type === 'ExternalName') return [];
  const p = new Pick(rng(scenarioSeed(s.seed, s.index) ^ 0x9e3779b9));
  if (!p.chance(0.6)) return [];
  const out: Mutation[] = [];
  const live = s.pods.filter((pod) => !['failed', 'succeeded'].includes(pod.state));
  const n = p.int(1, 2);
  for (let i = 0; i < n && live.length; i++) {
    const pod = live.splice(Math.floor(p.next() * live.length), 1)[0];
    const op = p.weighted<MutationOp>([
      ['set-ready', 3], ['set-unready', 3], ['terminate', 2], ['delete', 2], ['relabel-out', 1], ['fail', 1],
    ]);
    if ((op === 'set-ready' || op === 'set-unready') && pod.ips.length === 0) continue;
    if (op === 'terminate' && pod.state.startsWith('terminating')) continue;
    // An unready Pod turning Failed is a real controller drift, not a prediction error: the
    // controllers' podEndpointsChanged ignores phase, so nothing resyncs the Service and the stale
    // endpoint stays (see the 'known controller drift' test). Only fail Pods that are ready.
    if (op === 'fail' && pod.state !== 'ready' && pod.state !== 'terminating-ready') continue;
    out.push({ pod: pod.name, op });
  }
  if (p.chance(0.3)) {
    const j = s.pods.length;
    const base = s.pods[0];
    const selector = s.service.selector ?? {};
    out.push({
      pod: `${s.name}-${j}`,
      op: 'add-pod',
      added: {
        name: `${s.name}-${j}`, labels: { ...selector }, node: base?.node ?? 'ghost-node',
        containers: base?.containers ?? [{ name: 'app', image: 'registry.invalid/app:1', ports: [] }],
        ...(base?.initContainers ? { initContainers: base.initContainers } : {}),
        state: 'ready', ips: wantsIpv6(s.service) ? [podIp(s.index, j), podIp6(s.index, j)] : [podIp(s.index, j)],
      },
    });
  }
  return out;
}

export function describeMutations(m: Mutation[]): string {
  return m.length ? `  then: ${m.map((x) => `${x.op} ${x.pod}${x.added ? ` (${x.added.ips.join(',')} on ${x.added.node})` : ''}`).join('; ')}` : '';
}
