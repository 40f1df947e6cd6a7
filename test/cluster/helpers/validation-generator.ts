// Seeded random Services and Pod owners (Pods and workloads) for the validation differential: every
// field is drawn mostly from values the API server accepts and sometimes from one it refuses, so most
// objects are refused for one reason or none, and each reason is met alone many times over a run.
// Only fields of the right JSON type are generated (a string where the schema wants a string): a wrong
// type fails decoding, which is the reader's business, not validation's. No nodePort is generated, as a
// dry run does not allocate one (kubernetes-versions.test.ts creates those for real).
import { rng } from './scenario-generator.js';

type Json = Record<string, unknown>;
type Labels = Record<string, string>;

class Draw {
  constructor(private readonly next: () => number, private readonly bad: number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  one<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }
  /** Mostly a valid value, sometimes (the bad share) an invalid one. */
  field<T>(valid: readonly T[], invalid: readonly T[]): T {
    return this.chance(this.bad) ? this.one(invalid) : this.one(valid);
  }
}

function servicePort(d: Draw, i: number): Json {
  const port: Json = { port: d.field([80, 53, 1, 65535, 8080 + i], [0, 65536, -1]) };
  port.name = d.field([`p${i}`, `http-${i}`, `${'a'.repeat(14)}${i}`], ['HTTP', 'x'.repeat(64), '-a', '', 'a_b']);
  const protocol = d.field([undefined, undefined, '', 'TCP', 'UDP', 'SCTP'], ['tcp', 'ICMP']);
  if (protocol !== undefined) port.protocol = protocol;
  const target = d.field<string | number | undefined>(
    [undefined, undefined, 8080, 'http', 'dns-tcp', 'a'.repeat(15), '', 1, 65535],
    [0, 70000, 'x-', 'HTTP', 'a'.repeat(16), '8080', '-a', 'a--b', '123', 'a_b'],
  );
  if (target !== undefined) port.targetPort = target;
  if (d.chance(0.15)) port.appProtocol = d.field(['http', 'kubernetes.io/h2c', 'example.com/x', 'k8s.io/ws', 'kubernetes.io/wss'], ['bad app', 'a/b/c', 'kubernetes.io/foo', '-x']);
  return port;
}

/** Service `name`: a random type and the fields that go with it, now and then one that does not. */
export function randomService(seed: number, name: string, bad = 0.03): Json {
  const d = new Draw(rng(seed), bad);
  const type = d.field([undefined, undefined, '', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], ['nodeport', 'Internal']);
  const lb = type === 'LoadBalancer';
  const external = lb || type === 'NodePort';
  const spec: Json = {};
  if (type !== undefined) spec.type = type;
  if (d.chance(0.8)) spec.selector = d.field<Labels>([{ app: 'web' }, { app: 'web', tier: '' }, {}, { 'example.com/app': 'a.b-c_d' }], [{ 'bad key': 'x' }, { app: 'v a l' }, { app: '-a' }]);
  const count = type === 'ExternalName' ? d.one([0, 0, 1]) : d.field([1, 1, 1, 2, 2, 3], [0]);
  const ports = Array.from({ length: count }, (_, i) => servicePort(d, i));
  if (count > 0 || d.chance(0.5)) spec.ports = ports;
  // A second port that repeats the first one's name, or its number and protocol.
  if (ports.length > 1 && d.chance(0.12)) ports[1] = { ...ports[1], ...d.one([{ name: ports[0].name }, { port: ports[0].port, protocol: ports[0].protocol }]) };
  if (d.chance(0.3)) spec.clusterIP = d.field(['', 'None'], ['10.0.0.01', '1.2.3', 'None ', 'fd00::1::2', 'none']);
  if (d.chance(0.15)) {
    const ips = spec.clusterIP ? d.field([[spec.clusterIP]], [[''], ['None', 'None'], ['None', '10.0.0.1']]) : d.field([undefined], [['None']]);
    if (ips !== undefined) spec.clusterIPs = ips;
  }
  const familyChance = type === 'ExternalName' ? 0.02 : 0.25;
  if (d.chance(familyChance)) spec.ipFamilyPolicy = d.field(['SingleStack', 'PreferDualStack', 'RequireDualStack'], ['Dual', '']);
  if (d.chance(familyChance)) spec.ipFamilies = d.field([['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']], [['IPv4', 'IPv4'], ['ipv4'], [], ['IPv4', 'IPv6', 'IPv4']]);
  if (d.chance(type === 'ExternalName' ? 0.9 : 0.1)) {
    spec.externalName = d.field(['example.com', 'example.com.', 'a.b-c.d', `${'x'.repeat(63)}.com`], ['a..b', 'Example.COM', '', '.', `${'x'.repeat(64)}.com`, '-a.com', 'a_b.com']);
  }
  if (d.chance(0.2)) spec.sessionAffinity = d.field(['', 'None', 'ClientIP'], ['Sticky', 'clientip']);
  if (d.chance(0.15)) {
    spec.sessionAffinityConfig = d.field(
      [{ clientIP: { timeoutSeconds: 10 } }, { clientIP: { timeoutSeconds: 86400 } }, { clientIP: {} }, {}],
      [{ clientIP: { timeoutSeconds: 0 } }, { clientIP: { timeoutSeconds: 86401 } }, { clientIP: { timeoutSeconds: -1 } }],
    );
  }
  if (d.chance(0.2)) spec.externalTrafficPolicy = external ? d.field(['', 'Local', 'Cluster'], ['local', 'Node']) : d.field([''], ['Local', 'Cluster']);
  if (d.chance(0.15)) spec.internalTrafficPolicy = d.field(['Local', 'Cluster'], ['local', 'Node', '']);
  if (d.chance(0.1)) spec.healthCheckNodePort = d.field([0], [70000, -1]);
  const lbChance = lb ? 0.3 : 0.02;
  if (d.chance(lbChance)) {
    spec.loadBalancerSourceRanges = d.field(
      [['10.0.0.0/8'], ['0.0.0.0/0', '::/0'], ['192.168.1.0/24'], []],
      [['10.0.0.1/8'], ['bad'], [''], ['10.0.0.0/08'], [' 10.0.0.0/8'], ['10.0.0.0']],
    );
  }
  if (d.chance(lbChance)) spec.loadBalancerClass = d.field(['example.com/lb', 'lb', 'a.io/b-c'], ['bad class', '', 'a/b/c']);
  if (d.chance(lbChance)) spec.allocateLoadBalancerNodePorts = d.one([true, false]);
  if (d.chance(0.15)) {
    spec.externalIPs = d.field(
      [['192.0.2.1'], ['2001:db8::1'], ['192.0.2.1', '192.0.2.2'], []],
      [['127.0.0.1'], ['0.0.0.0'], ['169.254.1.1'], ['224.0.0.1'], ['bad'], [''], ['::1'], ['fe80::1'], ['192.0.2.01'], ['::ffff:192.0.2.1']],
    );
  }
  if (d.chance(0.1)) spec.publishNotReadyAddresses = d.one([true, false]);
  if (d.chance(0.1)) spec.trafficDistribution = d.field(['PreferClose', 'PreferSameZone', 'PreferSameNode'], ['Far', '']);
  const metadata: Json = { name };
  if (d.chance(0.1)) {
    const ranges = 'service.beta.kubernetes.io/load-balancer-source-ranges';
    metadata.annotations = d.field<Labels>(
      [...(lb ? [{ [ranges]: '10.0.0.0/8' }, { [ranges]: '10.0.0.0/8, 192.168.0.0/16' }] : []), { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Auto' }, { 'example.com/team': 'x' }],
      [{ [ranges]: 'bad' }, { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' }, { 'Bad Key': 'x' }],
    );
  }
  if (d.chance(0.05)) metadata.labels = d.field([{ a: 'b' }], [{ a: 'b c' }]);
  return { apiVersion: 'v1', kind: 'Service', metadata, spec };
}

function containerPort(d: Draw, i: number, hostNetwork: boolean): Json {
  const containerPort = d.field([8080 + i, 80, 1, 65535], [0, 65536, -1]);
  const port: Json = { containerPort };
  if (d.chance(0.5)) port.name = d.field([`p${i}`, `http-${i}`, 'metrics'], ['HTTP', 'a'.repeat(16), '-a', 'a--b', '123']);
  const protocol = d.field([undefined, undefined, '', 'TCP', 'UDP', 'SCTP'], ['tcp', 'ICMP']);
  if (protocol !== undefined) port.protocol = protocol;
  if (d.chance(0.2)) port.hostPort = hostNetwork ? d.field([containerPort, 0], [containerPort + 1]) : d.field([9000, 9001, 0], [70000, -1]);
  if (d.chance(0.1)) port.hostIP = d.one(['127.0.0.1', '127.0.0.2']);
  return port;
}

function container(d: Draw, name: string, hostNetwork: boolean): Json {
  const c: Json = { name };
  if (!d.chance(0.03)) c.image = 'example/app:1';
  const count = d.one([0, 1, 1, 2, 3]);
  if (count > 0) c.ports = Array.from({ length: count }, (_, i) => containerPort(d, i, hostNetwork));
  return c;
}

const OWNERS = ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController'] as const;

/** Where the API server creates each kind (NS for the namespace). */
export const OWNER_COLLECTIONS: Record<string, string> = {
  Service: 'api/v1/namespaces/NS/services',
  Pod: 'api/v1/namespaces/NS/pods',
  ReplicationController: 'api/v1/namespaces/NS/replicationcontrollers',
  Deployment: 'apis/apps/v1/namespaces/NS/deployments',
  ReplicaSet: 'apis/apps/v1/namespaces/NS/replicasets',
  StatefulSet: 'apis/apps/v1/namespaces/NS/statefulsets',
  DaemonSet: 'apis/apps/v1/namespaces/NS/daemonsets',
  Job: 'apis/batch/v1/namespaces/NS/jobs',
  CronJob: 'apis/batch/v1/namespaces/NS/cronjobs',
  Endpoints: 'api/v1/namespaces/NS/endpoints',
  EndpointSlice: 'apis/discovery.k8s.io/v1/namespaces/NS/endpointslices',
};

/** A Pod or a workload `name` of a random kind: its labels, containers, ports, restart policy and deadline. */
export function randomPodOwner(seed: number, name: string, bad = 0.03): Json {
  const d = new Draw(rng(seed), bad);
  const kind = d.one(OWNERS);
  const runsToCompletion = kind === 'Job' || kind === 'CronJob';
  const hostNetwork = d.chance(0.15);
  const labels = d.field<Labels>([{ app: 'web' }, { app: 'web', tier: '' }, { 'example.com/app': 'a.b-c_d' }], [{ app: 'web', 'bad key': 'x' }, { app: 'web', tier: 'v a l' }]);
  const names = d.field([['app'], ['app', 'sidecar'], ['a', 'b', 'c']], [['app', 'app'], ['App'], ['']]);
  const podSpec: Json = { containers: names.map((n) => container(d, n, hostNetwork)) };
  if (d.chance(0.02)) podSpec.containers = [];
  if (hostNetwork) podSpec.hostNetwork = true;
  if (d.chance(0.2)) podSpec.initContainers = [container(d, d.field(['init'], ['app']), hostNetwork)];
  const policies = runsToCompletion ? ['OnFailure', 'Never'] : kind === 'Pod' ? ['Always', 'OnFailure', 'Never', ''] : ['Always', ''];
  if (runsToCompletion || d.chance(0.3)) {
    const policy = d.field([...policies, ...(runsToCompletion ? [] : [undefined])], runsToCompletion ? ['Always', '', undefined, 'Sometimes'] : ['Never', 'OnFailure', 'Sometimes']);
    if (policy !== undefined) podSpec.restartPolicy = policy;
  }
  if (d.chance(0.1)) podSpec.activeDeadlineSeconds = kind === 'Pod' || runsToCompletion ? d.field([60, 1], [0, -5]) : d.field([undefined], [60]);
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { name, labels }, spec: podSpec };
  const template = { metadata: { labels }, spec: podSpec };
  if (kind === 'Job') return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { template } };
  if (kind === 'CronJob') return { apiVersion: 'batch/v1', kind, metadata: { name }, spec: { schedule: '@hourly', jobTemplate: { spec: { template } } } };
  const selector = d.field([{ app: 'web' }], [{ app: 'other' }]);
  if (kind === 'ReplicationController') return { apiVersion: 'v1', kind, metadata: { name }, spec: { selector, template } };
  const spec: Json = { selector: { matchLabels: selector }, template };
  if (kind === 'StatefulSet') spec.serviceName = 'web';
  return { apiVersion: 'apps/v1', kind, metadata: { name }, spec };
}

const V4 = ['192.0.2.10', '10.20.0.5', '203.0.113.7'];
const V6 = ['2001:db8::10', 'fd00::5', '2001:db8:0:1::7'];
// Some are refused only from 1.36 (a leading zero, IPv4-mapped IPv6), the rest on every minor.
const BAD_IPS = ['::ffff:192.0.2.10', '127.0.0.1', '::1', '169.254.169.254', 'fe80::1', '224.0.0.251', 'ff02::2', '0.0.0.0', '::', 'db.example.com', '', '192.0.2.010', '2001:DB8::10', '2001:db8:0:0::10', '10.0.0'];

function endpointPort(d: Draw, i: number, several: boolean): Json {
  const port: Json = { port: d.field([5432, 80 + i, 1, 65535], [0, 65536, -1]) };
  const name = d.field(several ? [`p${i}`, `http-${i}`] : [undefined, '', `p${i}`], ['HTTP', 'a_b', 'x'.repeat(64), ...(several ? [undefined, ''] : [])]);
  if (name !== undefined) port.name = name;
  const protocol = d.field([undefined, 'TCP', 'UDP', 'SCTP'], ['tcp', 'ICMP', '']);
  if (protocol !== undefined) port.protocol = protocol;
  if (d.chance(0.1)) port.appProtocol = d.field(['http', 'kubernetes.io/h2c'], ['bad app', 'a/b/c']);
  return port;
}

/**
 * A hand-written Endpoints or EndpointSlice `name`: addresses of both families (and now and then a
 * loopback, link-local, non-canonical or malformed one), hostnames, node names, ports and hints.
 */
export function randomEndpoints(seed: number, name: string, bad = 0.05): Json {
  const d = new Draw(rng(seed), bad);
  const metadata: Json = { name };
  if (d.chance(0.05)) metadata.labels = d.field([{ a: 'b' }], [{ a: 'b c' }]);
  if (d.chance(0.5)) {
    const subsets = Array.from({ length: d.one([1, 1, 2]) }, () => {
      const subset: Json = {};
      const address = () => {
        const a: Json = { ip: d.field([...V4, ...V6], BAD_IPS) };
        if (d.chance(0.1)) a.hostname = d.field(['db-0', ''], ['DB', 'a.b']);
        if (d.chance(0.05)) a.nodeName = d.field(['node-1', 'a.b'], ['', 'Node_1']);
        return a;
      };
      const counts = d.field([[1, 0], [2, 1], [0, 1]], [[0, 0]]);
      if (counts[0] > 0) subset.addresses = Array.from({ length: counts[0] }, address);
      if (counts[1] > 0) subset.notReadyAddresses = Array.from({ length: counts[1] }, address);
      const ports = d.one([0, 1, 1, 2]);
      if (ports > 0) subset.ports = Array.from({ length: ports }, (_, i) => endpointPort(d, i, ports > 1));
      return subset;
    });
    return { apiVersion: 'v1', kind: 'Endpoints', metadata, subsets };
  }
  const addressType = d.field(['IPv4', 'IPv6', 'FQDN'], ['', 'IP', 'ipv4']);
  const good = addressType === 'IPv6' ? V6 : addressType === 'FQDN' ? ['db.example.com', 'db.example.com.'] : V4;
  const wrong = addressType === 'FQDN' ? ['localhost', 'DB.example.com', 'a..b'] : [...BAD_IPS, ...(addressType === 'IPv6' ? V4 : V6)];
  const endpoints = Array.from({ length: d.one([0, 1, 2]) }, () => {
    const e: Json = { addresses: d.field([[d.one(good)]], [[], [d.one(wrong)]]) };
    if (d.chance(0.3)) e.conditions = { ready: d.one([true, false]) };
    if (d.chance(0.1)) e.hostname = d.field(['db-0'], ['', 'DB']);
    if (d.chance(0.05)) e.nodeName = d.field(['node-1'], ['', 'Node_1']);
    if (d.chance(0.05)) e.hints = { forZones: d.field([[{ name: 'zone-a' }]], [[{ name: 'a' }, { name: 'a' }], [{ name: 'bad zone' }]]) };
    return e;
  });
  const ports = Array.from({ length: d.one([0, 1, 1, 2]) }, (_, i) => endpointPort(d, i, true));
  if (ports.length > 1 && d.chance(0.1)) ports[1] = { ...ports[1], name: ports[0].name };
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata, addressType, endpoints, ports };
}
