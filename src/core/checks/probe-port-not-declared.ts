import type { Check } from '../check.js';
import type { Container, PodSpec } from '../kubernetes-types.js';
import { describeContainerPorts, PROBE_KINDS, probedContainers, probeOf, probeTarget, resolveProbePort, similarPortNames, type ProbeKind } from '../probes.js';
import type { ServiceAnalysis } from '../check.js';
import { nameServices, podFindings, servicesByPod, type PodIssue } from './pod-findings.js';

function containerLabel(container: Container, sidecar: boolean): string {
  return `${sidecar ? 'sidecar' : 'container'} ${container.name}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The hint for a probe port name the container lacks: a look-alike of its own, or the container that has it. */
function nameHint(spec: PodSpec, container: Container, name: string): string {
  const similar = similarPortNames(name, (container.ports ?? []).flatMap((port) => (port.name ? [port.name] : [])));
  if (similar.length > 0) return ` Did you mean "${similar[0]}"?`;
  const owner = probedContainers(spec).find(({ container: other }) => other !== container && (other.ports ?? []).some((port) => port.name === name));
  if (owner) return ` ${capitalize(containerLabel(owner.container, owner.sidecar))} declares "${name}", but the kubelet looks a probe's port name up among the probed container's own ports only.`;
  return '';
}

function effectOf(kind: ProbeKind, services: readonly ServiceAnalysis[]): string {
  if (kind === 'readiness') {
    return services.length > 0
      ? `so the Pods never become ready and ${nameServices(services)} never get${services.length === 1 ? 's' : ''} an endpoint from them`
      : 'so the Pods never become ready (rollouts stall on them)';
  }
  return kind === 'liveness'
    ? 'so the kubelet restarts the container each time the probe has failed failureThreshold times'
    : 'so the startup probe never succeeds and the kubelet keeps restarting the container';
}

function issuesOfPod(spec: PodSpec, services: readonly ServiceAnalysis[]): PodIssue[] {
  const issues: PodIssue[] = [];
  for (const { container, sidecar } of probedContainers(spec)) {
    for (const kind of PROBE_KINDS) {
      const probe = probeOf(container, kind);
      const target = probe && probeTarget(probe);
      if (!target) continue;
      const resolution = resolveProbePort(container, target.port);
      const where = `${containerLabel(container, sidecar)}'s ${kind} probe (${target.handler})`;
      const has = `it declares ${describeContainerPorts(container)}`;
      if (resolution.status === 'name-not-found') {
        const severity = kind === 'readiness' && services.length === 0 ? 'warning' : 'error';
        issues.push({
          key: `${container.name}\0${kind}\0name`,
          severity,
          message: (subject) =>
            `${subject}: ${where} wants port "${resolution.name}", which ${containerLabel(container, sidecar)} does not declare (${has}): the probe fails every time, ${effectOf(kind, services)}.${nameHint(spec, container, resolution.name)}`,
        });
      } else if (!resolution.declared && (container.ports ?? []).length > 0) {
        const other = probedContainers(spec).find(({ container: c }) => c !== container && (c.ports ?? []).some((port) => port.containerPort === resolution.port));
        const elsewhere = other ? ` ${capitalize(containerLabel(other.container, other.sidecar))} declares ${resolution.port}: the probe checks that container's port, not this one's.` : '';
        issues.push({
          key: `${container.name}\0${kind}\0number`,
          severity: 'warning',
          message: (subject) =>
            `${subject}: ${where} probes port ${resolution.port}, which ${containerLabel(container, sidecar)} does not declare (${has}). The kubelet probes it anyway; check that the container listens on ${resolution.port}.${elsewhere}`,
        });
      }
    }
  }
  return issues;
}

/** A probe aimed at a port the container lacks: for readiness, exactly "the Service has no endpoints". */
export const probePortNotDeclared: Check = {
  id: 'probe-port-not-declared',
  severity: 'error',
  title: 'Probe aimed at a port the container does not declare',
  modes: ['manifests', 'cluster'],
  help:
    'The kubelet resolves a probe\'s named port (httpGet.port, tcpSocket.port) among the probed container\'s own ports ' +
    'only (the first port of that name, any protocol; native sidecars use their own ports, plain init containers ' +
    'cannot have probes). A name it does not find makes the probe fail every time: a readiness probe keeps the ' +
    'Pods out of every Service (error when a Service selects them, warning otherwise), a liveness or startup ' +
    'probe restarts the container over and over (error). A numeric port is probed whether or not it is declared, ' +
    'so a number the container does not declare while it declares others is only suspicious (warning). Name the ' +
    'container port as the probe does, or point the probe at a declared port.',
  run(context) {
    const services = servicesByPod(context);
    return podFindings(context, (pod) => issuesOfPod(pod.spec, services.get(pod) ?? []));
  },
};
