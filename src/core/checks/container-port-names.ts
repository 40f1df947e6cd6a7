import type { ServiceAnalysis } from '../check.js';
import type { Container, PodSpec } from '../kubernetes-types.js';
import { formatRef } from '../snapshot.js';
import { describeServicePort } from './check-helpers.js';

/** Every container that declares ports, with the field its ports live under (init containers too: the API validates them). */
export function containersWithPorts(spec: PodSpec): { container: Container; field: 'containers' | 'initContainers'; sidecar: boolean }[] {
  // Plain loops: two checks ask for every Pod, and most Pods have one or two containers.
  const found: { container: Container; field: 'containers' | 'initContainers'; sidecar: boolean }[] = [];
  for (const container of spec.containers ?? []) if ((container.ports ?? []).length > 0) found.push({ container, field: 'containers', sidecar: false });
  for (const container of spec.initContainers ?? []) {
    if ((container.ports ?? []).length > 0) found.push({ container, field: 'initContainers', sidecar: container.restartPolicy === 'Always' });
  }
  return found;
}

/** The named targetPorts of the Services selecting a Pod, with the Service that wants each. */
export function wantedPortNames(services: readonly ServiceAnalysis[]): { name: string; protocol: string; wantedBy: string }[] {
  return services.flatMap((analysis) =>
    analysis.ports.flatMap((port) =>
      typeof port.targetPort === 'string'
        ? [{ name: port.targetPort, protocol: port.protocol, wantedBy: `${formatRef(analysis.entry.ref)} ${describeServicePort(port)}` }]
        : [],
    ),
  );
}
