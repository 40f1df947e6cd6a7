import type { Check } from '../check.js';
import { describeServicePort, onService, serviceName } from './check-helpers.js';
import { nameObjects, portOutcomes, quoteTarget } from './target-port-helpers.js';

/** A named port only some workloads declare: part of the Pods silently get no traffic on that port. */
export const targetPortNamePartial: Check = {
  id: 'target-port-name-partial',
  severity: 'warning',
  title: 'Named targetPort declared by some selected workloads only',
  modes: ['manifests', 'cluster'],
  help:
    'Kubernetes resolves a named targetPort per Pod and leaves the port out for Pods that lack it, so those Pods get ' +
    'no traffic on this port (they land in a separate EndpointSlice). Declare the named port in every selected pod ' +
    'template, or narrow the selector to the workloads that serve it.',
  run(context) {
    return context.services.flatMap((analysis) =>
      portOutcomes(analysis).flatMap(({ port, byStatus }) => {
        if (typeof port.targetPort !== 'string' || byStatus.resolved.length === 0) return [];
        const missing = [...byStatus['name-not-found'], ...byStatus['protocol-mismatch']];
        if (missing.length === 0) return [];
        return [
          onService(
            analysis,
            `${serviceName(analysis)} ${describeServicePort(port)} has ${quoteTarget(port)}, declared by ${nameObjects(byStatus.resolved)} but not by ${nameObjects(missing)}: those get no traffic on this port. Declare the port there too or narrow the selector.`,
          ),
        ];
      }),
    );
  },
};
