/**
 * Service port defaults and FindPort: which container port a Service port reaches on one Pod.
 * Follows SetDefaults_Service and pkg/api/v1/pod/util.go FindPort (spec section 4). Standalone on purpose,
 * so the offline lint can reuse it on pod templates.
 */
import type { Container, PodSpec, ServicePort } from '../kubernetes-types.js';

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

function findNamedPort(containers: Container[], name: string, protocol: string): ResolvedPort | null {
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (port.name === name && containerPortProtocol(port) === protocol) {
        return { port: port.containerPort, container: container.name };
      }
    }
  }
  return null;
}

/**
 * Resolves a Service port on a Pod the way the endpoint controllers do, so predictions match the cluster.
 * Numeric targetPort: used as is, never checked against declared ports. Named: first port with that name
 * and protocol in spec.containers order, then native sidecars (init containers with restartPolicy Always).
 * Returns null when a name does not resolve: that Service port is then left out for this Pod only.
 */
export function findPort(podSpec: PodSpec | undefined, servicePort: ServicePort): ResolvedPort | null {
  const target = serviceTargetPort(servicePort);
  if (typeof target === 'number') return { port: target };
  const protocol = servicePortProtocol(servicePort);
  const spec = podSpec ?? {};
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  return findNamedPort(spec.containers ?? [], target, protocol) ?? findNamedPort(sidecars, target, protocol);
}
