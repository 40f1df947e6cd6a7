/**
 * Container probes as the kubelet runs them: which containers are probed, and which port a probe's
 * httpGet/tcpSocket/grpc handler reaches (pkg/probe ResolveContainerPort: a name is looked up among
 * the probed container's own ports only, first match, any protocol; a name that is not found but
 * parses as a number is used as that number).
 */
import { distance } from 'fastest-levenshtein';
import type { Container, PodSpec, Probe } from './kubernetes-types.js';
import { containerPortProtocol } from './find-port.js';

/** The three probes a container can have; each fails differently (out of endpoints, or restarted). */
export type ProbeKind = 'readiness' | 'liveness' | 'startup';

/** Every probe kind, in the order messages list them. */
export const PROBE_KINDS: readonly ProbeKind[] = ['readiness', 'liveness', 'startup'];

/** A container the kubelet probes: regular containers, and native sidecars (init containers with restartPolicy Always). */
export interface ProbedContainer {
  container: Container;
  sidecar: boolean;
}

/**
 * Plain init containers are left out: the API server rejects probes on them (they run to completion),
 * and ephemeral containers may not have probes either.
 */
export function probedContainers(spec: PodSpec): ProbedContainer[] {
  // Plain loops: every check on every Pod asks, and spreads of mapped copies cost several times more.
  const probed: ProbedContainer[] = [];
  for (const container of spec.containers ?? []) probed.push({ container, sidecar: false });
  for (const container of spec.initContainers ?? []) if (container.restartPolicy === 'Always') probed.push({ container, sidecar: true });
  return probed;
}

/** The container's probe of that kind, if any. */
export function probeOf(container: Container, kind: ProbeKind): Probe | undefined {
  const probe = kind === 'readiness' ? container.readinessProbe : kind === 'liveness' ? container.livenessProbe : container.startupProbe;
  return probe && typeof probe === 'object' ? probe : undefined;
}

/** The handler that reaches a port and the port it names; null for exec probes (and probes without a handler). */
export function probeTarget(probe: Probe): { handler: 'httpGet' | 'tcpSocket' | 'grpc'; port: number | string } | null {
  const isPort = (port: unknown): port is number | string => typeof port === 'number' || typeof port === 'string';
  if (isPort(probe.httpGet?.port)) return { handler: 'httpGet', port: probe.httpGet.port };
  if (isPort(probe.tcpSocket?.port)) return { handler: 'tcpSocket', port: probe.tcpSocket.port };
  if (isPort(probe.grpc?.port)) return { handler: 'grpc', port: probe.grpc.port };
  return null;
}

/** Where a probe port lands on its container. */
export type ProbePortResolution =
  | { status: 'resolved'; port: number; declared: boolean }
  | { status: 'name-not-found'; name: string };

/** Resolves a probe's port on its own container exactly as the kubelet does. */
export function resolveProbePort(container: Container, port: number | string): ProbePortResolution {
  if (typeof port === 'number') return { status: 'resolved', port, declared: declaresPort(container, port) };
  const named = (container.ports ?? []).find((declared) => declared.name === port);
  if (named) return { status: 'resolved', port: named.containerPort, declared: true };
  if (/^[+-]?\d+$/.test(port)) {
    const number = Number(port);
    return { status: 'resolved', port: number, declared: declaresPort(container, number) };
  }
  return { status: 'name-not-found', name: port };
}

function declaresPort(container: Container, port: number): boolean {
  return (container.ports ?? []).some((declared) => declared.containerPort === port);
}

/** "http 8080/TCP, 9090/TCP": a container's declared ports, for messages that say what exists. */
export function describeContainerPorts(container: Container): string {
  const ports = (container.ports ?? []).map((port) => `${port.name ? `${port.name} ` : ''}${port.containerPort}/${containerPortProtocol(port)}`);
  return ports.length > 0 ? ports.join(', ') : 'no ports';
}

/** Declared port names that look like the wanted one (case, "-"/"_", up to two edits), closest first. */
export function similarPortNames(wanted: string, names: readonly string[]): string[] {
  const lower = wanted.toLowerCase();
  return [...new Set(names)]
    .filter((name) => typeof name === 'string' && name !== wanted)
    .map((name) => ({ name, edits: distance(lower.replace(/_/g, '-'), name.toLowerCase().replace(/_/g, '-')) }))
    .filter(({ edits }) => edits <= 2)
    .sort((a, b) => a.edits - b.edits || a.name.localeCompare(b.name))
    .map(({ name }) => name);
}
