/**
 * Service port defaults and FindPort: which container port a Service port reaches on one Pod.
 * Follows SetDefaults_Service and pkg/api/v1/pod/util.go FindPort (spec section 4). One module for the
 * offline lint (on pod templates, with the reasons a port does not resolve) and the predictions.
 */
import type { Container, ContainerPort, PodSpec, ServicePort } from './kubernetes-types.js';
import type { PortResolution } from './report.js';

/** Where a Service port lands on one Pod; container is set when a named port was looked up. */
export interface ResolvedPort {
  port: number;
  container?: string;
}

/** The Service port's protocol with the API default (TCP) applied, because the API stores it defaulted. */
export function servicePortProtocol(servicePort: Pick<ServicePort, 'protocol'>): string {
  return servicePort.protocol || 'TCP';
}

/** The Service port's targetPort with the API default (= port) applied; a name stays a string. */
export function serviceTargetPort(servicePort: Pick<ServicePort, 'port' | 'targetPort'>): number | string {
  const target = servicePort.targetPort;
  if (target === undefined || target === null || target === '' || target === 0) return servicePort.port;
  return target;
}

/** A container port's protocol with the API default (TCP) applied. */
export function containerPortProtocol(port: { protocol?: string }): string {
  return port.protocol || 'TCP';
}

/**
 * The containers whose ports a named targetPort can resolve to, in FindPort's order: regular
 * containers, then native sidecars (init containers with restartPolicy Always). Plain init
 * containers and ephemeral containers never serve a Service.
 */
export function servingContainers(spec: PodSpec): Container[] {
  const containers = spec.containers ?? [];
  if (!spec.initContainers?.some(isSidecar)) return containers;
  return [...containers, ...spec.initContainers.filter(isSidecar)];
}

function isSidecar(container: Container): boolean {
  return container.restartPolicy === 'Always';
}

/**
 * What a Service port resolves to on one Pod, following FindPort, plus what a user needs to know
 * when it does not: a missing name, a protocol mismatch, or a numeric port nobody declares.
 */
export function resolveTargetPort(spec: PodSpec, servicePort: ServicePort): Omit<PortResolution, 'object'> {
  const protocol = servicePortProtocol(servicePort);
  const target = serviceTargetPort(servicePort);
  const byNumber = typeof target === 'number';
  let otherProtocol: { protocol: string; container: string } | undefined;
  for (const { port, container } of declaredPortsFor(spec, byNumber, target)) {
    if (containerPortProtocol(port) === protocol) return { status: 'resolved', port: port.containerPort, container: container.name };
    otherProtocol ??= { protocol: containerPortProtocol(port), container: container.name };
  }
  if (otherProtocol) {
    const mismatch: Omit<PortResolution, 'object'> = { status: 'protocol-mismatch', declaredProtocol: otherProtocol.protocol, container: otherProtocol.container };
    if (byNumber) mismatch.port = target;
    return mismatch;
  }
  return byNumber ? { status: 'not-declared', port: target } : { status: 'name-not-found' };
}

/**
 * Resolves a Service port on a Pod the way the endpoint controllers do, so predictions match the cluster.
 * Numeric targetPort: used as is, never checked against declared ports. Named: first port with that name
 * and protocol in spec.containers order, then native sidecars. Returns null when a name does not
 * resolve: that Service port is then left out for this Pod only.
 */
export function findPort(podSpec: PodSpec | undefined, servicePort: ServicePort): ResolvedPort | null {
  const target = serviceTargetPort(servicePort);
  if (typeof target === 'number') return { port: target };
  const resolution = resolveTargetPort(podSpec ?? {}, servicePort);
  if (resolution.status !== 'resolved' || resolution.port === undefined) return null;
  return { port: resolution.port, ...(resolution.container ? { container: resolution.container } : {}) };
}

/** A Pod's serving ports by name and by number, in FindPort's order. */
interface DeclaredPortIndex {
  byName: Map<unknown, DeclaredPort[]>;
  byNumber: Map<unknown, DeclaredPort[]>;
}
type DeclaredPort = { port: ContainerPort; container: Container };

/** Up to this many serving ports, a Pod's ports are scanned: most Pods declare a few, and two Maps per Pod cost more. */
const SCANNED_PORTS = 16;

/**
 * The serving ports with a name (or number), in FindPort's order: a scan for a Pod with few ports,
 * else its index, built once per pod spec (a Service with 5,000 ports against 5,000 container ports
 * would otherwise scan every container port for every Service port: 25 million steps).
 */
function declaredPortsFor(spec: PodSpec, byNumber: boolean, target: unknown): readonly DeclaredPort[] {
  const containers = servingContainers(spec);
  let count = 0;
  for (const container of containers) count += container.ports?.length ?? 0;
  if (count > SCANNED_PORTS) {
    const index = declaredPortIndex(spec, containers);
    return (byNumber ? index.byNumber.get(target) : index.byName.get(target)) ?? [];
  }
  const found: DeclaredPort[] = [];
  for (const container of containers) {
    for (const port of container.ports ?? []) if ((byNumber ? port.containerPort : port.name) === target) found.push({ port, container });
  }
  return found;
}

const declaredPortIndexes = new WeakMap<PodSpec, DeclaredPortIndex>();

function declaredPortIndex(spec: PodSpec, containers: readonly Container[]): DeclaredPortIndex {
  let index = declaredPortIndexes.get(spec);
  if (index) return index;
  index = { byName: new Map(), byNumber: new Map() };
  const add = (map: Map<unknown, DeclaredPort[]>, key: unknown, entry: DeclaredPort) => {
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      add(index.byName, port.name, { port, container });
      add(index.byNumber, port.containerPort, { port, container });
    }
  }
  declaredPortIndexes.set(spec, index);
  return index;
}

const describedPorts = new WeakMap<PodSpec, readonly string[]>();

/** Every declared serving port of a Pod as "name 8080/TCP" text, for messages that say what exists. Shared: do not modify. */
export function describeDeclaredPorts(spec: PodSpec): readonly string[] {
  let described = describedPorts.get(spec);
  if (!described) {
    described = servingContainers(spec).flatMap((container) =>
      (container.ports ?? []).map((port) => `${port.name ? `${port.name} ` : ''}${port.containerPort}/${containerPortProtocol(port)} (container ${container.name})`),
    );
    describedPorts.set(spec, described);
  }
  return described;
}
