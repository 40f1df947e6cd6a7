import type { Container, PodSpec, ServicePort } from './kubernetes-types.js';
import type { PortResolution } from './report.js';

/** The Service port's protocol with its API default. */
export function portProtocol(port: { protocol?: string }): string {
  return port.protocol ?? 'TCP';
}

/** The Service port's targetPort with its API default (the port itself). */
export function targetPortOf(port: ServicePort): number | string {
  return port.targetPort ?? port.port;
}

/**
 * The containers whose ports a named targetPort can resolve to, in FindPort's order: regular
 * containers, then native sidecars (init containers with restartPolicy Always). Plain init
 * containers and ephemeral containers never serve a Service.
 */
export function servingContainers(spec: PodSpec): Container[] {
  const sidecars = (spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always');
  return [...(spec.containers ?? []), ...sidecars];
}

/**
 * What a Service port resolves to on one Pod, following FindPort, plus what a user needs to know
 * when it does not: a missing name, a protocol mismatch, or a numeric port nobody declares.
 */
export function resolveTargetPort(spec: PodSpec, servicePort: ServicePort): Omit<PortResolution, 'object'> {
  const protocol = portProtocol(servicePort);
  const target = targetPortOf(servicePort);
  const matchesTarget = typeof target === 'number' ? (port: { containerPort: number; name?: string }) => port.containerPort === target
    : (port: { containerPort: number; name?: string }) => port.name === target;
  let otherProtocol: { protocol: string; container: string; port: number } | undefined;
  for (const container of servingContainers(spec)) {
    for (const port of container.ports ?? []) {
      if (!matchesTarget(port)) continue;
      if (portProtocol(port) === protocol) return { status: 'resolved', port: port.containerPort, container: container.name };
      otherProtocol ??= { protocol: portProtocol(port), container: container.name, port: port.containerPort };
    }
  }
  if (otherProtocol) {
    return {
      status: 'protocol-mismatch',
      declaredProtocol: otherProtocol.protocol,
      container: otherProtocol.container,
      ...(typeof target === 'number' ? { port: target } : {}),
    };
  }
  return typeof target === 'number' ? { status: 'not-declared', port: target } : { status: 'name-not-found' };
}

/** Every declared serving port of a Pod as "name 8080/TCP" text, for messages that say what exists. */
export function describeDeclaredPorts(spec: PodSpec): string[] {
  return servingContainers(spec).flatMap((container) =>
    (container.ports ?? []).map(
      (port) => `${port.name ? `${port.name} ` : ''}${port.containerPort}/${portProtocol(port)} (container ${container.name})`,
    ),
  );
}
