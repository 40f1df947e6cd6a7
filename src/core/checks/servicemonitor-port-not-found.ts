import type { Check, CheckContext, CheckResult, ServiceAnalysis } from '../check.js';
import type { PodMonitor, ServiceMonitor } from '../kubernetes-types.js';
import { similarPortNames } from '../probes.js';
import { formatRef, type SnapshotPod } from '../snapshot.js';
import { listSome } from './check-helpers.js';
import { monitoredPods, monitoredServices, monitorsOf, type Monitor } from './monitor-helpers.js';

/** What a ServiceMonitor endpoint's port can be compared with on the Services it selects. */
function servicePortsOf(services: ServiceAnalysis[]): { names: string[]; targets: (number | string)[]; described: string[] } {
  const ports = services.flatMap((analysis) => analysis.ports);
  return {
    names: ports.flatMap((port) => (port.name ? [port.name] : [])),
    targets: ports.flatMap((port) => [port.targetPort, ...port.resolutions.flatMap((resolution) => (resolution.port === undefined ? [] : [resolution.port]))]),
    described: ports.map((port) => `${port.name ? `${port.name} ` : '(unnamed) '}${port.port}/${port.protocol}→${port.targetPort}`),
  };
}

/** The container ports of the Pods a PodMonitor selects (init containers too: Prometheus lists their ports). */
function containerPortsOf(pods: SnapshotPod[]): { names: string[]; numbers: number[]; described: string[] } {
  const ports = pods.flatMap((pod) => [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])].flatMap((container) => container.ports ?? []));
  return {
    names: ports.flatMap((port) => (port.name ? [port.name] : [])),
    numbers: ports.map((port) => port.containerPort),
    described: ports.map((port) => `${port.name ? `${port.name} ` : ''}${port.containerPort}`),
  };
}

function hint(wanted: string, names: string[]): string {
  const similar = similarPortNames(wanted, names);
  return similar.length > 0 ? ` Did you mean "${similar[0]}"?` : '';
}

function problemsOf(context: CheckContext, monitor: Monitor): string[] {
  if (monitor.kind === 'ServiceMonitor') {
    const services = monitoredServices(context, monitor);
    if (services.length === 0) return [];
    const ports = servicePortsOf(services);
    const names = listSome(services.map((analysis) => formatRef(analysis.entry.ref)), 3);
    const has = `${names} ha${services.length === 1 ? 's' : 've'} ${listSome([...new Set(ports.described)], 6) || 'no ports'}`;
    const endpoints = (context.snapshot.serviceMonitors?.find((entry) => entry.ref === monitor.ref)?.object as ServiceMonitor).spec?.endpoints ?? [];
    return endpoints.flatMap((endpoint, i) => {
      if (typeof endpoint.port === 'string' && endpoint.port) {
        if (ports.names.includes(endpoint.port)) return [];
        return [`endpoints[${i}].port "${endpoint.port}" names no port of the Services it selects (${has}); Prometheus matches it against the Service port name only.${hint(endpoint.port, ports.names)}`];
      }
      if (endpoint.targetPort === undefined || ports.targets.includes(endpoint.targetPort)) return [];
      return [`endpoints[${i}].targetPort ${JSON.stringify(endpoint.targetPort)} is no target port of the Services it selects (${has}).`];
    });
  }
  const pods = monitoredPods(context, monitor);
  if (pods.length === 0) return [];
  const ports = containerPortsOf(pods);
  const names = listSome(pods.map((pod) => formatRef(pod.ref)), 3);
  const has = `${names} declare${pods.length === 1 ? 's' : ''} ${listSome([...new Set(ports.described)], 6) || 'no container ports'}`;
  const endpoints = (context.snapshot.podMonitors?.find((entry) => entry.ref === monitor.ref)?.object as PodMonitor).spec?.podMetricsEndpoints ?? [];
  return endpoints.flatMap((endpoint, i) => {
    if (typeof endpoint.port === 'string' && endpoint.port) {
      if (ports.names.includes(endpoint.port)) return [];
      return [`podMetricsEndpoints[${i}].port "${endpoint.port}" names no container port of the Pods it selects (${has}).${hint(endpoint.port, ports.names)}`];
    }
    const number = endpoint.portNumber ?? (typeof endpoint.targetPort === 'number' ? endpoint.targetPort : undefined);
    if (number !== undefined && !ports.numbers.includes(number)) return [`podMetricsEndpoints[${i}] wants container port ${number}, which the Pods it selects do not declare (${has}).`];
    if (typeof endpoint.targetPort === 'string' && !ports.names.includes(endpoint.targetPort)) return [`podMetricsEndpoints[${i}].targetPort "${endpoint.targetPort}" names no container port of the Pods it selects (${has}).`];
    return [];
  });
}

/** A monitor endpoint whose port no selected Service (or Pod) has: Prometheus drops every target. */
export const serviceMonitorPortNotFound: Check = {
  id: 'servicemonitor-port-not-found',
  severity: 'error',
  title: 'ServiceMonitor or PodMonitor endpoint names a port the selected objects lack',
  modes: ['manifests', 'cluster'],
  help:
    'A ServiceMonitor\'s endpoints[].port is the name of a Service port (an unnamed Service port cannot be scraped by ' +
    'name), endpoints[].targetPort a target port of those Services; a PodMonitor\'s podMetricsEndpoints[].port is a ' +
    'container port name (portNumber a number). Prometheus keeps only the endpoints whose port matches, so when no ' +
    'selected Service or Pod has it, the monitor yields no target. The message lists the ports the selected objects ' +
    'have and a look-alike name. Name the Service port (ports[].name) as the monitor does, or fix the monitor.',
  run(context) {
    const results: CheckResult[] = [];
    for (const monitor of monitorsOf(context)) {
      for (const problem of problemsOf(context, monitor)) {
        results.push({ object: monitor.ref, ...(monitor.location ? { location: monitor.location } : {}), message: `${formatRef(monitor.ref)}: ${problem}` });
      }
    }
    return results;
  },
};
