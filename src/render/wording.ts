import type { LabelDifference, MatchedObject, NearMiss, PortExplanation, PortResolution, Summary } from '../core/report.js';
import type { ObjectRef, SourceLocation } from '../core/snapshot.js';

/** How the human renderers word things, kept in one place so table, wide and quiet output agree. */

/** "Kind name" when the object lives in the given namespace, "Kind namespace/name" otherwise. */
export function nameWithin(ref: ObjectRef, namespace: string): string {
  return ref.namespace === namespace || ref.namespace === '' ? `${ref.kind} ${ref.name}` : `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** A matched object with how many Pods it stands for. */
export function formatMatch(match: MatchedObject, namespace: string): string {
  const name = nameWithin(match, namespace);
  if (match.workload) return `${name} (of ${nameWithin(match.workload, namespace)})`;
  if (match.replicas === undefined) return name;
  if (match.replicas === null) return `${name} (${match.kind === 'DaemonSet' ? 'one per node' : 'replicas unknown'})`;
  return `${name} (${match.replicas} ${match.replicas === 1 ? 'replica' : 'replicas'})`;
}

/** `Deployment web: app=frontnd (selector wants app=frontend)`. */
export function formatNearMiss(nearMiss: NearMiss, namespace: string): string {
  return `${nameWithin(nearMiss.object, namespace)}: ${nearMiss.differences.map(formatDifference).join(', ')}`;
}

function formatDifference(difference: LabelDifference): string {
  const wanted = `(selector wants ${difference.selectorKey}=${difference.want})`;
  if (difference.actualKey === null) return `no ${difference.selectorKey} label ${wanted}`;
  return `${difference.actualKey}=${difference.actualValue ?? ''} ${wanted}`;
}

/** `http 80:30080/TCP`, the way kubectl names a Service port. */
export function formatServicePort(port: PortExplanation): string {
  const number = port.nodePort === undefined ? `${port.port}` : `${port.port}:${port.nodePort}`;
  return `${port.name ? `${port.name} ` : ''}${number}/${port.protocol}`;
}

/** What one Service port becomes on one selected object; `ok` is false when traffic cannot get there. */
export function describeResolution(resolution: PortResolution, port: PortExplanation, namespace: string): { text: string; ok: boolean } {
  const name = nameWithin(resolution.object, namespace);
  const container = resolution.container ? ` (container ${resolution.container})` : '';
  switch (resolution.status) {
    case 'resolved':
      return { text: `${name} → ${resolution.port ?? port.targetPort}${container}`, ok: true };
    case 'not-declared':
      return { text: `${name} → ${resolution.port ?? port.targetPort} (not declared)`, ok: true };
    case 'name-not-found':
      return { text: `${name}: ✗ name "${port.targetPort}" not found`, ok: false };
    case 'protocol-mismatch':
      return { text: `${name}: ✗ protocol mismatch: declared ${resolution.declaredProtocol ?? 'another protocol'}`, ok: false };
  }
}

/** `file:line`, or '' when the object has no known origin (a live cluster). */
export function formatLocation(location: SourceLocation | undefined): string {
  return location ? `${location.file}:${location.line}` : '';
}

/** `N services, N errors, N warnings, N info (N suppressed)`. */
export function formatSummary(summary: Summary): string {
  const counted = [
    plural(summary.services, 'service', 'services'),
    plural(summary.findings.error, 'error', 'errors'),
    plural(summary.findings.warning, 'warning', 'warnings'),
    `${summary.findings.info} info`,
  ];
  return `${counted.join(', ')} (${summary.suppressed} suppressed)`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
