import type { Check } from '../check.js';
import { containerPortProtocol } from '../find-port.js';
import type { PodIssue } from './pod-findings.js';
import { podFindings, servicesByPod } from './pod-findings.js';
import { containersWithPorts, wantedPortNames } from './container-port-names.js';

/** One port name declared twice: rejected within a container, ambiguous across the containers of a Pod. */
export const containerPortNameDuplicate: Check = {
  id: 'container-port-name-duplicate',
  severity: 'warning',
  title: 'Container port name declared more than once in a Pod',
  modes: ['manifests', 'cluster'],
  help:
    'Within one container the API server rejects a port name used twice (error). Across the containers of a Pod it ' +
    'accepts it, but a Service\'s named targetPort resolves to the first port with that name and protocol, regular ' +
    'containers first and native sidecars after them, so the other container never gets that traffic: an error when ' +
    'a Service selecting the Pod names that port, a warning otherwise. Give each port its own name and point the ' +
    'Service at the one it means.',
  run(context) {
    const services = servicesByPod(context);
    return podFindings(context, (pod) => {
      const issues: PodIssue[] = [];
      const containers = containersWithPorts(pod.spec);
      for (const { container, field } of containers) {
        // One port cannot repeat a name: no set for the usual container.
        if ((container.ports ?? []).length < 2) continue;
        const seen = new Set<string>();
        for (const port of container.ports ?? []) {
          if (!port.name) continue;
          if (!seen.has(port.name)) { seen.add(port.name); continue; }
          const name = port.name;
          issues.push({
            key: `${field}\0${container.name}\0${name}`,
            severity: 'error',
            message: (subject) => `${subject}: container ${container.name} declares port name "${name}" more than once; the API server rejects the Pod (${field}[].ports[].name: Duplicate value).`,
          });
        }
      }
      const serving = containers.filter(({ field, sidecar }) => field === 'containers' || sidecar);
      if (serving.length < 2) return issues;
      const byNameAndProtocol = new Map<string, string[]>();
      for (const { container } of serving) {
        for (const port of container.ports ?? []) {
          if (!port.name) continue;
          const key = `${port.name}/${containerPortProtocol(port)}`;
          const owners = byNameAndProtocol.get(key) ?? [];
          if (!owners.includes(container.name)) owners.push(container.name);
          byNameAndProtocol.set(key, owners);
        }
      }
      let wanted: ReturnType<typeof wantedPortNames> | undefined;
      for (const [key, owners] of byNameAndProtocol) {
        if (owners.length < 2) continue;
        wanted ??= wantedPortNames(services.get(pod) ?? []);
        const [name, protocol] = key.split('/');
        const wantedBy = wanted.filter((want) => want.name === name && want.protocol === protocol).map((want) => want.wantedBy);
        const effect = wantedBy.length > 0
          ? `${wantedBy.join(', ')} resolves targetPort "${name}" to container ${owners[0]}'s port only; container${owners.length > 2 ? 's' : ''} ${owners.slice(1).join(', ')} never get${owners.length > 2 ? '' : 's'} that traffic.`
          : `a named targetPort "${name}" would reach container ${owners[0]} only.`;
        issues.push({
          key: `pod\0${key}`,
          severity: wantedBy.length > 0 ? 'error' : 'warning',
          message: (subject) => `${subject}: port name "${name}" (${protocol}) is declared by containers ${owners.join(' and ')}; ${effect}`,
        });
      }
      return issues;
    });
  },
};
