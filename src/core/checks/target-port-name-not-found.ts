import type { Check } from '../check.js';
import { describeServicePort, onService, serviceName } from './check-helpers.js';
import { declaredPortsOf, portOutcomes, quoteTarget } from './target-port-helpers.js';

/** A named targetPort nobody declares: Kubernetes leaves the port out of every endpoint. */
export const targetPortNameNotFound: Check = {
  id: 'target-port-name-not-found',
  severity: 'error',
  title: 'Named targetPort not declared by any selected container',
  modes: ['manifests', 'cluster'],
  help:
    'A named targetPort resolves to the container port with that name and the same protocol. No selected container ' +
    'declares one, so the endpoints carry no address for this port and connections fail. Name the container port ' +
    '(ports[].name) or set targetPort to a name or number the containers do declare.',
  run(context) {
    return context.services.flatMap((analysis) =>
      portOutcomes(analysis).flatMap(({ port, byStatus }) => {
        if (typeof port.targetPort !== 'string' || analysis.matched.length === 0) return [];
        if (byStatus.resolved.length > 0 || byStatus['protocol-mismatch'].length > 0) return [];
        return [
          onService(
            analysis,
            `${serviceName(analysis)} ${describeServicePort(port)} has ${quoteTarget(port)}, but no selected container declares a ${port.protocol} port of that name; they declare ${declaredPortsOf(byStatus['name-not-found'])}. Name the container port "${port.targetPort}" or change targetPort.`,
          ),
        ];
      }),
    );
  },
};
