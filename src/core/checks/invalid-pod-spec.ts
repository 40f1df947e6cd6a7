import type { Check } from '../check.js';
import type { Container, PodSpec } from '../kubernetes-types.js';
import type { SnapshotPod } from '../snapshot.js';
import { isDns1123Label, isQualifiedName, isValidLabelValue, isValidPortNumber } from '../validation.js';
import { podFindings, type PodIssue } from './pod-findings.js';
import { factsForMinor, minorNumber, type VersionFacts } from '../version/index.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/**
 * What the API server refuses in a Pod or pod template on the way to a Service: its labels, its
 * containers' names and its container ports (pkg/apis/core/validation/validation.go: ValidateLabels
 * through ValidateObjectMeta, validateContainers, validateContainerPorts, checkHostPortConflicts, validatePodHostNetworkDeps; port
 * names are container-port-name-invalid's). Each problem as a short phrase naming the field under
 * the owner's prefix (none for a Pod, "spec.template." for a workload's template); `owner` is the kind, Pod or a workload's.
 */
export function podSpecProblems(labels: Record<string, unknown>, spec: PodSpec, owner: string): string[] {
  return [...templateProblems(labels, spec, owner), ...containerProblems(spec, owner)];
}

/** Where the owner keeps its pod template's fields. */
function prefixOf(owner: string): string {
  return owner === 'Pod' ? '' : owner === 'CronJob' ? 'spec.jobTemplate.spec.template.' : 'spec.template.';
}

/** What the workload's own validation refuses on every minor: the template's labels, restartPolicy and deadline. */
function templateProblems(labels: Record<string, unknown>, spec: PodSpec, owner: string): string[] {
  const prefix = prefixOf(owner);
  const problems: string[] = [];
  for (const key in labels) {
    const value = labels[key];
    if (!isQualifiedName(key)) problems.push(`${prefix}metadata.labels key ${JSON.stringify(key)} is not a valid label key`);
    if (typeof value === 'string' && !isValidLabelValue(value)) problems.push(`${prefix}metadata.labels value ${JSON.stringify(value)} for ${JSON.stringify(key)} is not a valid label value`);
  }
  problems.push(...lifecycleProblems(spec, owner, prefix));
  return problems;
}

/** The pod spec's containers and their ports, as ValidatePodTemplateSpec (or, for a Pod, ValidatePodSpec) checks them. */
function containerProblems(spec: PodSpec, owner: string): string[] {
  const isPod = owner === 'Pod';
  const prefix = prefixOf(owner);
  const problems: string[] = [];
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

/**
 * restartPolicy (defaulted to Always) and activeDeadlineSeconds as the owner allows them: any of the
 * three policies for a Pod (validateRestartPolicy), only Always for the workloads that keep Pods running
 * (ValidatePodTemplateSpecForReplicaSet, ForStatefulSet, ForRC, ValidateDaemonSetSpec), only OnFailure or
 * Never for a Job (validateJobSpec); no deadline on a template of the former.
 */
function lifecycleProblems(spec: PodSpec, owner: string, prefix: string): string[] {
  const problems: string[] = [];
  const policy = spec.restartPolicy || 'Always';
  const at = `${prefix}spec.restartPolicy`;
  const keepsRunning = !['Pod', 'Job', 'CronJob'].includes(owner);
  if (!RESTART_POLICIES.includes(policy)) problems.push(`${at} ${JSON.stringify(policy)} is not one of ${RESTART_POLICIES.join(', ')}`);
  else if (keepsRunning && policy !== 'Always') problems.push(`${at} ${JSON.stringify(policy)} is not supported for a ${owner} (only Always)`);
  else if (owner !== 'Pod' && !keepsRunning && policy === 'Always') problems.push(`${at} must be OnFailure or Never for a ${owner}${spec.restartPolicy ? '' : ' (it defaults to Always)'}`);
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    if (keepsRunning) problems.push(`${prefix}spec.activeDeadlineSeconds is not supported for a ${owner}`);
    else if (!(Number.isInteger(deadline) && deadline >= 1 && deadline <= 2147483647)) problems.push(`${prefix}spec.activeDeadlineSeconds ${JSON.stringify(deadline)} is not between 1 and 2147483647`);
  }
  return problems;
}

function issuesOf(pod: SnapshotPod, facts: VersionFacts, minor: number): PodIssue[] {
  const owner = pod.template ? pod.template.workload.kind : 'Pod';
  const own = templateProblems(pod.labels, pod.spec, owner);
  const ofPods = containerProblems(pod.spec, owner);
  const problems = [...own, ...ofPods];
  if (problems.length === 0) return [];
  // Up to 1.33 a StatefulSet is stored with a broken container; each Pod it creates is refused instead.
  const podsOnly = own.length === 0 && owner === 'StatefulSet' && !facts.statefulSetPodTemplateValidated;
  const outcome = podsOnly
    ? `is accepted by the API server of 1.${minor}, but each Pod it creates is rejected, so its Pods never exist`
    : `would be rejected by the API server, so ${pod.template ? 'its Pods never exist' : 'it never runs'}`;
  return [{ key: problems.join('\0'), message: (subject: string) => `${subject} ${outcome}: ${problems.join('; ')}.` }];
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
    'one protocol and host IP (across the containers, and within each init container, as they run one at a time), on ' +
    'the host network a hostPort equal to its containerPort (a Pod there takes its containerPorts as hostPorts); ' +
    'restartPolicy (default Always) Always for a Deployment, ReplicaSet, StatefulSet, DaemonSet or ReplicationController, ' +
    'OnFailure or Never for a Job or CronJob, and no activeDeadlineSeconds on the former. Such a workload is never ' +
    'created (up to 1.33 a StatefulSet is, as only its template\'s labels, restartPolicy and deadline were checked, and each ' +
    'Pod it creates is refused instead), so a Service that seems to select it in the ' +
    'manifests selects no Pod in the cluster, and its targetPort can resolve to nothing. Fix the field named in the ' +
    'message; `kubectl apply --dry-run=server` shows the same error. Container port names are checked by ' +
    'container-port-name-invalid. Offline only: a cluster never holds such a Pod.',
  run(context) {
    const minor = minorNumber(context.snapshot.kubernetesVersion);
    const facts = factsForMinor(minor);
    return podFindings(context, (pod) => issuesOf(pod, facts, minor));
  },
};
