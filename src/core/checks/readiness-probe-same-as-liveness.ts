import type { Check } from '../check.js';
import type { Probe } from '../kubernetes-types.js';
import { probedContainers } from '../probes.js';
import { podFindings } from './pod-findings.js';

/** The handler of a probe with the API defaults applied, so that equal checks compare equal. */
function handlerOf(probe: Probe): string | null {
  if (probe.httpGet) {
    const { port, path, host, scheme } = probe.httpGet;
    return JSON.stringify(['httpGet', port, path || '/', host ?? '', scheme || 'HTTP']);
  }
  if (probe.tcpSocket) return JSON.stringify(['tcpSocket', probe.tcpSocket.port, probe.tcpSocket.host ?? '']);
  if (probe.grpc) return JSON.stringify(['grpc', probe.grpc.port, probe.grpc.service ?? '']);
  if (probe.exec) return JSON.stringify(['exec', probe.exec.command ?? []]);
  return null;
}

function describeHandler(probe: Probe): string {
  if (probe.httpGet) return `httpGet ${probe.httpGet.path || '/'} on port ${probe.httpGet.port}`;
  if (probe.tcpSocket) return `tcpSocket on port ${probe.tcpSocket.port}`;
  if (probe.grpc) return `grpc on port ${probe.grpc.port}`;
  return `exec ${(probe.exec?.command ?? []).join(' ')}`;
}

/** A readiness check that is also the liveness check turns "busy" into "restart": kube-score's pod-probes-identical. */
export const readinessProbeSameAsLiveness: Check = {
  id: 'readiness-probe-same-as-liveness',
  severity: 'info',
  title: 'Readiness probe is the same check as the liveness probe',
  modes: ['manifests', 'cluster'],
  help:
    'A failing readiness probe takes the Pod out of its Services\' endpoints until it recovers; a failing liveness ' +
    'probe makes the kubelet restart the container. When both run the same check (same handler and port; timings ' +
    'aside), a Pod that is only overloaded or waiting for a dependency is restarted instead of rested, which can ' +
    'cascade across replicas. Let the liveness probe check only that the process is alive (a cheaper endpoint, a ' +
    'higher failureThreshold) and keep the full check for readiness. Info by default, a warning with --profile strict.',
  run(context) {
    return podFindings(context, (pod) =>
      probedContainers(pod.spec).flatMap(({ container }) => {
        const readiness = container.readinessProbe;
        const liveness = container.livenessProbe;
        if (!readiness || !liveness) return [];
        const handler = handlerOf(readiness);
        if (handler === null || handler !== handlerOf(liveness)) return [];
        return [{
          key: container.name,
          message: (subject: string) =>
            `${subject}: container ${container.name}'s readiness and liveness probes run the same check (${describeHandler(readiness)}): when it fails the kubelet restarts the container instead of only taking it out of its Services. Give the liveness probe a lighter check or a higher failureThreshold.`,
        }];
      }),
    );
  },
};
