/** Small builders for the prediction tests: Pods, Services, Nodes and slices with sensible defaults. */
import type {
  Container, EndpointSlice, Endpoints, EndpointSubset, Node, Pod, Service, ServicePort, ServiceSpec, SliceEndpoint,
} from '../../../src/core/kubernetes-types.js';

export interface PodOptions {
  ip?: string | string[];
  ready?: boolean;
  node?: string;
  phase?: string;
  deleting?: boolean;
  containers?: Container[];
  initContainers?: Container[];
  hostname?: string;
  subdomain?: string;
  labels?: Record<string, string>;
  namespace?: string;
}

/** A running Pod with one container "app" declaring http/8080, ready on node-a, unless told otherwise. */
export function pod(name: string, options: PodOptions = {}): Pod {
  const ips = options.ip === undefined ? [] : Array.isArray(options.ip) ? options.ip : [options.ip];
  return {
    metadata: {
      name, namespace: options.namespace ?? 'default', uid: `uid-${name}`, labels: options.labels ?? { app: 'web' },
      ...(options.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      nodeName: options.node ?? 'node-a',
      containers: options.containers ?? [{ name: 'app', ports: [{ name: 'http', containerPort: 8080 }] }],
      ...(options.initContainers ? { initContainers: options.initContainers } : {}),
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.subdomain ? { subdomain: options.subdomain } : {}),
    },
    status: {
      phase: options.phase ?? 'Running',
      ...(ips.length > 0 ? { podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) } : {}),
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

/** A ClusterIP Service default/web selecting app=web, port http 80 → targetPort "http". */
export function service(spec: Partial<ServiceSpec> = {}, name = 'web', extra: Partial<Service['metadata']> = {}): Service {
  return {
    metadata: { name, namespace: 'default', uid: `uid-svc-${name}`, ...extra },
    spec: {
      type: 'ClusterIP', selector: { app: 'web' }, clusterIP: '10.96.0.10', ipFamilies: ['IPv4'],
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], ...spec,
    },
  };
}

/** A Service port. */
export function port(name: string | undefined, portNumber: number, targetPort?: number | string, protocol?: string): ServicePort {
  return { ...(name ? { name } : {}), port: portNumber, ...(targetPort !== undefined ? { targetPort } : {}), ...(protocol ? { protocol } : {}) };
}

/** A Node, optionally in a zone. */
export function node(name: string, zone?: string): Node {
  return { metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} } };
}

/** An EndpointSlice of default/web as the controller would label it. */
export function slice(endpoints: SliceEndpoint[], ports: { name?: string; port: number; protocol?: string }[], extra: Partial<EndpointSlice> = {}): EndpointSlice {
  return {
    metadata: {
      name: 'web-abcde', namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints,
    ...extra,
  };
}

/** A slice endpoint with controller-style conditions. */
export function endpoint(ip: string, options: { ready?: boolean; serving?: boolean; terminating?: boolean; node?: string; zone?: string; pod?: string } = {}): SliceEndpoint {
  const ready = options.ready ?? true;
  return {
    addresses: [ip],
    conditions: { ready, serving: options.serving ?? ready, terminating: options.terminating ?? false },
    ...(options.node ? { nodeName: options.node } : {}),
    ...(options.zone ? { zone: options.zone } : {}),
    ...(options.pod ? { targetRef: { kind: 'Pod', namespace: 'default', name: options.pod, uid: `uid-${options.pod}` } } : {}),
  };
}

/** A hand-written Endpoints object default/<name>. */
export function endpointsObject(subsets: EndpointSubset[], name = 'web', labels: Record<string, string> = {}, annotations: Record<string, string> = {}): Endpoints {
  return { metadata: { name, namespace: 'default', uid: `uid-ep-${name}`, labels, annotations }, subsets };
}
