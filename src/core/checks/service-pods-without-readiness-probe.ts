import type { Check, CheckContext } from '../check.js';
import { servingContainers } from '../find-port.js';
import type { SnapshotPod } from '../snapshot.js';
import { nameServices, podFindings, servicesByPod } from './pod-findings.js';

/**
 * For each selected Pod that some Service port reaches, the containers the targetPorts resolve to
 * (empty for a numeric targetPort no container declares); Pods no port reaches get no traffic anyway.
 */
function reachedContainers(context: CheckContext): Map<SnapshotPod, Set<string>> {
  const byPod = new Map<SnapshotPod, Set<string>>();
  for (const analysis of context.services) {
    const { matched, ports } = analysis;
    for (let i = 0; i < matched.length; i += 1) {
      const pod = matched[i];
      for (const port of ports) {
        const resolution = port.resolutions[i];
        if (!resolution || (resolution.status !== 'resolved' && resolution.status !== 'not-declared')) continue;
        let names = byPod.get(pod);
        if (!names) byPod.set(pod, (names = new Set<string>()));
        if (resolution.container) names.add(resolution.container);
      }
    }
  }
  return byPod;
}

/** Pods behind a Service without a readiness probe get traffic as soon as they start: policy as much as a bug. */
export const servicePodsWithoutReadinessProbe: Check = {
  id: 'service-pods-without-readiness-probe',
  severity: 'info',
  title: 'Pods behind a Service have no readiness probe',
  modes: ['manifests', 'cluster'],
  help:
    'Without a readiness probe a container counts as ready as soon as it has started, so the endpoints controllers add ' +
    'the Pod to its Services before the process listens (connections are refused during start-up and rollouts) and ' +
    'keep it there while it cannot serve. The finding names the containers that serve the Service\'s ports. Add a ' +
    'readinessProbe (httpGet or tcpSocket on the served port) to them. Info by default, a warning with --profile strict.',
  run(context) {
    const services = servicesByPod(context);
    const reached = reachedContainers(context);
    return podFindings(context, (pod) => {
      const behind = services.get(pod);
      const names = reached.get(pod);
      if (!behind || behind.length === 0 || !names) return [];
      // The containers the targetPorts resolve to; for numeric targetPorts nobody declares, every regular container.
      const containers = names.size > 0 ? servingContainers(pod.spec).filter((container) => names.has(container.name)) : (pod.spec.containers ?? []);
      if (containers.length === 0 || containers.some((container) => container.readinessProbe)) return [];
      const listed = containers.map((container) => container.name).join(', ');
      const startup = containers.some((container) => container.startupProbe) ? ' (a startup probe holds traffic back only until it first succeeds)' : '';
      return [{
        key: listed,
        message: (subject: string) =>
          `${subject} is behind ${nameServices(behind)}, but container${containers.length === 1 ? '' : 's'} ${listed} ha${containers.length === 1 ? 's' : 've'} no readiness probe${startup}: its Pods get traffic as soon as they start, before the process listens. Add a readinessProbe on the port it serves.`,
      }];
    });
  },
};
