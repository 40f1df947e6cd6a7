import type { ServiceAnalysis } from '../check.js';
import type { Container, PodSpec } from '../kubernetes-types.js';
import { formatRef } from '../snapshot.js';
import { describeServicePort } from './check-helpers.js';

/** Every container that declares ports, with the field its ports live under (init containers too: the API validates them). */
export function containersWithPorts(spec: PodSpec): { container: Container; field: 'containers' | 'initContainers'; sidecar: boolean }[] {
  if (!spec.initContainers && (spec.containers ?? []).every((container) => !container.ports?.length)) return [];
  return [
    ...(spec.containers ?? []).map((container) => ({ container, field: 'containers' as const, sidecar: false })),
    ...(spec.initContainers ?? []).map((container) => ({ container, field: 'initContainers' as const, sidecar: container.restartPolicy === 'Always' })),
  ].filter(({ container }) => (container.ports ?? []).length > 0);
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
