import type { Check } from '../check.js';
import { describeServicePort, onService, serviceName } from './check-helpers.js';
import { declaredPortsOf, nameObjects, portOutcomes } from './target-port-helpers.js';
import { servingContainers } from '../find-port.js';
import type { SnapshotPod } from '../snapshot.js';

function declaresAnyPort(pod: SnapshotPod): boolean {
  return servingContainers(pod.spec).some((container) => (container.ports ?? []).length > 0);
}

/** A numeric targetPort works without a containerPort entry, but a Pod that declares other ports hints at a typo. */
export const targetPortNotDeclared: Check = {
  id: 'target-port-not-declared',
  severity: 'warning',
  title: 'Numeric targetPort not among the declared container ports',
  modes: ['manifests', 'cluster'],
  help:
    'Kubernetes sends traffic to a numeric targetPort whether or not a container declares it, since containerPort is ' +
    'informational. When the Pod declares other ports this is usually a typo (warning); when it declares none it is ' +
    'only a missing declaration (info). Make targetPort match the port the container listens on, and declare it.',
  run(context) {
    return context.services.flatMap((analysis) =>
      portOutcomes(analysis).flatMap(({ port, byStatus }) => {
        const undeclared = byStatus['not-declared'];
        if (undeclared.length === 0) return [];
        const withOtherPorts = undeclared.filter(declaresAnyPort);
        const withoutPorts = undeclared.filter((pod) => !declaresAnyPort(pod));
        const results = [];
        if (withOtherPorts.length > 0) {
          results.push(
            onService(
              analysis,
              `${serviceName(analysis)} ${describeServicePort(port)} sends traffic to ${port.targetPort}, which ${nameObjects(withOtherPorts)} do${withOtherPorts.length === 1 ? 'es' : ''} not declare; declared: ${declaredPortsOf(withOtherPorts)}. Check that the container listens on ${port.targetPort}.`,
              'warning',
            ),
          );
        }
        if (withoutPorts.length > 0) {
          results.push(
            onService(
              analysis,
              `${serviceName(analysis)} ${describeServicePort(port)} sends traffic to ${port.targetPort} on ${nameObjects(withoutPorts)}, which declare${withoutPorts.length === 1 ? 's' : ''} no container ports; declare containerPort ${port.targetPort} to document it.`,
              'info',
            ),
          );
        }
        return results;
      }),
    );
  },
};
