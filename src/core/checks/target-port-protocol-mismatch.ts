import type { Check } from '../check.js';
import { describeServicePort, onService, serviceName } from './check-helpers.js';
import { nameObjects, portOutcomes, quoteTarget } from './target-port-helpers.js';

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

/** UDP versus TCP: the port exists, but traffic arrives with a protocol the container does not serve. */
export const targetPortProtocolMismatch: Check = {
  id: 'target-port-protocol-mismatch',
  severity: 'error',
  title: 'targetPort exists on the Pods with another protocol',
  modes: ['manifests', 'cluster'],
  help:
    'Service ports and container ports both default to TCP. A named targetPort must match name and protocol, so a ' +
    'UDP container port never resolves for a TCP Service port; a numeric one sends TCP traffic to a port the ' +
    'container serves over UDP. Set the same protocol on the Service port and the container port.',
  run(context) {
    return context.services.flatMap((analysis) =>
      portOutcomes(analysis).flatMap(({ port, byStatus }) => {
        const mismatched = byStatus['protocol-mismatch'];
        if (mismatched.length === 0) return [];
        const declared = [...new Set(port.resolutions.map((resolution) => resolution.declaredProtocol).filter(Boolean))].join('/');
        // A protocol the API server refuses on the container (invalid-pod-spec) is no protocol to copy to the Service.
        const advice = declared.split('/').every((protocol) => PROTOCOLS.has(protocol))
          ? `Set protocol: ${declared} on the Service port or fix the container port's protocol.`
          : `Fix the container port's protocol: it must be TCP, UDP or SCTP.`;
        return [
          onService(
            analysis,
            `${serviceName(analysis)} ${describeServicePort(port)} has ${quoteTarget(port)} over ${port.protocol}, but ${nameObjects(mismatched)} declare${mismatched.length === 1 ? 's' : ''} it over ${declared}. ${advice}`,
          ),
        ];
      }),
    );
  },
};
