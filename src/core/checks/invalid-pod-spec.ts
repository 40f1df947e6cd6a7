import type { Check } from '../check.js';
import type { Container, PodSpec } from '../kubernetes-types.js';
import type { SnapshotPod } from '../snapshot.js';
import { isDns1123Label, isQualifiedName, isValidLabelValue, isValidPortNumber } from '../validation.js';
import { podFindings, type PodIssue } from './pod-findings.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * What the API server refuses in a Pod or pod template on the way to a Service: its labels, its
 * containers' names and its container ports (pkg/apis/core/validation/validation.go: ValidateLabels
 * through ValidateObjectMeta, validateContainers, validateContainerPorts, checkHostPortConflicts, validatePodHostNetworkDeps; port
 * names are container-port-name-invalid's). Each problem as a short phrase naming the field under
 * `prefix` ("" for a Pod, "spec.template." for a workload's template).
 */
export function podSpecProblems(labels: Record<string, unknown>, spec: PodSpec, prefix: string): string[] {
  const isPod = prefix === '';
  const problems: string[] = [];
  for (const key in labels) {
    const value = labels[key];
    if (!isQualifiedName(key)) problems.push(`${prefix}metadata.labels key ${JSON.stringify(key)} is not a valid label key`);
    if (typeof value === 'string' && !isValidLabelValue(value)) problems.push(`${prefix}metadata.labels value ${JSON.stringify(value)} for ${JSON.stringify(key)} is not a valid label value`);
  }
  const containers = spec.containers ?? [];
  if (containers.length === 0) problems.push(`${prefix}spec.containers is required (at least one container)`);
  const names = new Set<string>();
  let hostPorts: Set<string> | undefined;
  const visit = (list: Container[], field: 'containers' | 'initContainers') => {
    for (let c = 0; c < list.length; c += 1) {
      const container = list[c];
      const at = `${prefix}spec.${field}[${c}]`;
      const name = container.name;
      if (!name) problems.push(`${at}.name is required`);
      else if (!isDns1123Label(name)) problems.push(`${at}.name ${JSON.stringify(name)} is not a DNS-1123 label`);
      else if (names.has(name)) problems.push(`${at}.name ${JSON.stringify(name)} is a duplicate`);
      if (name) names.add(name);
      if (!container.image) problems.push(`${at}.image is required`);
      // Init containers run one at a time, so each is checked for host port conflicts on its own.
      if (field === 'initContainers') hostPorts = undefined;
      const ports = container.ports ?? [];
      for (let p = 0; p < ports.length; p += 1) {
        const port = ports[p];
        const where = `${at}.ports[${p}]`;
        if (!port.containerPort) problems.push(`${where}.containerPort is required`);
        else if (!isValidPortNumber(port.containerPort)) problems.push(`${where}.containerPort ${JSON.stringify(port.containerPort)} is not between 1 and 65535`);
        if (port.hostPort && !isValidPortNumber(port.hostPort)) problems.push(`${where}.hostPort ${JSON.stringify(port.hostPort)} is not between 1 and 65535`);
        const protocol = port.protocol || 'TCP';
        if (!PROTOCOLS.includes(protocol)) problems.push(`${where}.protocol ${JSON.stringify(protocol)} is not one of ${PROTOCOLS.join(', ')}`);
        if (field === 'containers' && spec.hostNetwork && port.hostPort && port.hostPort !== port.containerPort) problems.push(`${where}.hostPort ${port.hostPort} must match containerPort ${port.containerPort} when hostNetwork is true`);
        // A Pod on the host network gets its containerPorts as hostPorts (SetDefaults_Pod; not a template).
        const hostPort = port.hostPort || (isPod && spec.hostNetwork ? port.containerPort : 0);
        if (!hostPort) continue;
        const key = `${protocol}/${port.hostIP ?? ''}/${hostPort}`;
        hostPorts ??= new Set();
        if (hostPorts.has(key)) problems.push(`${where}.hostPort ${hostPort} (${protocol}) is already used by another container port`);
        hostPorts.add(key);
      }
    }
  };
  visit(containers, 'containers');
  visit(spec.initContainers ?? [], 'initContainers');
  return problems;
}

function issuesOf(pod: SnapshotPod): PodIssue[] {
  const problems = podSpecProblems(pod.labels, pod.spec, !pod.template ? '' : pod.template.workload.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.' : 'spec.template.');
  if (problems.length === 0) return [];
  return [{
    key: problems.join('\0'),
    message: (subject: string) => `${subject} would be rejected by the API server, so ${pod.template ? 'its Pods never exist' : 'it never runs'}: ${problems.join('; ')}.`,
  }];
}

/** A Pod or pod template the API server refuses: a Service that selects it selects Pods that never run. */
export const invalidPodSpec: Check = {
  id: 'invalid-pod-spec',
  severity: 'error',
  title: 'Pod or pod template the API server would reject',
  modes: ['manifests'],
  help:
    'The API server validates a Pod, and a workload\'s pod template as part of the workload: label keys must be ' +
    'qualified names and values valid label values, at least one container, container names unique DNS-1123 labels, an image ' +
    'for each container, ' +
    'containerPort (required) and hostPort between 1 and 65535, protocol TCP, UDP or SCTP, no hostPort used twice for ' +
    'one protocol and host IP (across the containers, and within each init container, as they run one at a time), and on ' +
    'the host network a hostPort equal to its containerPort (a Pod there takes its containerPorts as hostPorts). Such a workload is never created, so a Service that seems to select it in the ' +
    'manifests selects no Pod in the cluster, and its targetPort can resolve to nothing. Fix the field named in the ' +
    'message; `kubectl apply --dry-run=server` shows the same error. Container port names are checked by ' +
    'container-port-name-invalid. Offline only: a cluster never holds such a Pod.',
  run(context) {
    return podFindings(context, issuesOf);
  },
};
