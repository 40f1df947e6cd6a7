import type { Finding, MatchedObject, NearMiss, PortExplanation, Report, ServiceExplanation } from '../core/report.js';
import type { ObjectRef, SourceLocation } from '../core/snapshot.js';
import { jsonArrayParts } from './json-parts.js';
import { sortFindings, sortServices } from './order.js';
import { defaultVersion, type KubernetesVersion } from '../core/version/kubernetes-version.js';

/**
 * `-o json`: the documented, stable machine contract. Every key is always present, in a fixed order;
 * a value that is unknown or does not apply is null rather than a missing key.
 */
export function renderJson(report: Report): string {
  return [...jsonParts(report)].join('');
}

/**
 * renderJson() in pieces, as they are written: the findings and Services are converted and printed a
 * batch at a time (jsonArrayParts), so a large report is never held twice, as a copy and as text.
 */
export function* jsonParts(report: Report): Generator<string> {
  const rest = {
    summary: {
      services: report.summary.services,
      objects: report.summary.objects,
      findings: {
        error: report.summary.findings.error,
        warning: report.summary.findings.warning,
        info: report.summary.findings.info,
      },
      suppressed: report.summary.suppressed,
    },
    notes: [...report.notes],
    // The minor the findings are for: source "server" (its gitVersion in server), "flag" or "default".
    kubernetesVersion: jsonVersion(report.kubernetesVersion ?? defaultVersion()),
  };
  yield '{\n  "findings": ';
  yield* jsonArrayParts(sortFindings(report.findings), 2, jsonFinding);
  yield ',\n  "services": ';
  yield* jsonArrayParts(sortServices(report.services), 2, jsonService);
  // The remaining keys as JSON.stringify prints them at the top level, without its opening "{\n".
  yield `,\n${JSON.stringify(rest, null, 2).slice(2)}\n`;
}

function jsonFinding(finding: Finding) {
  return {
    check: finding.check,
    severity: finding.severity,
    suppressed: finding.suppressed,
    object: jsonRef(finding.object),
    message: finding.message,
    location: jsonLocation(finding.location),
  };
}

function jsonService(service: ServiceExplanation) {
  return {
    namespace: service.namespace,
    name: service.name,
    type: service.type,
    selector: service.selector === null ? null : sortedLabels(service.selector),
    matches: service.matches.map(jsonMatch),
    nearMisses: service.nearMisses.map(jsonNearMiss),
    nearMissTotal: service.nearMissTotal,
    nearMissKind: service.nearMissKind,
    ports: service.ports.map(jsonPort),
    location: jsonLocation(service.location),
  };
}

/** replicas: desired Pods of a template (null when the cluster decides, as for a DaemonSet), 1 for a real Pod. */
function jsonMatch(match: MatchedObject) {
  return {
    kind: match.kind,
    namespace: match.namespace,
    name: match.name,
    replicas: match.replicas === undefined ? 1 : match.replicas,
    workload: match.workload ? jsonRef(match.workload) : null,
  };
}

function jsonNearMiss(nearMiss: NearMiss) {
  return {
    object: jsonRef(nearMiss.object),
    differences: nearMiss.differences.map((difference) => ({
      selectorKey: difference.selectorKey,
      want: difference.want,
      actualKey: difference.actualKey,
      actualValue: difference.actualValue,
    })),
  };
}

function jsonPort(port: PortExplanation) {
  return {
    name: port.name ?? null,
    port: port.port,
    protocol: port.protocol,
    targetPort: port.targetPort,
    nodePort: port.nodePort ?? null,
    resolutions: port.resolutions.map((resolution) => ({
      object: jsonRef(resolution.object),
      status: resolution.status,
      port: resolution.port ?? null,
      container: resolution.container ?? null,
      declaredProtocol: resolution.declaredProtocol ?? null,
    })),
  };
}

function jsonRef(ref: ObjectRef): ObjectRef {
  return { kind: ref.kind, namespace: ref.namespace, name: ref.name };
}

function jsonLocation(location: SourceLocation | undefined): SourceLocation | null {
  return location ? { file: location.file, line: location.line } : null;
}

/** The labels with their keys in order; labels already in order (most selectors) are printed as they are. */
function sortedLabels(labels: Record<string, string>): Record<string, string> {
  const keys = Object.keys(labels);
  let ordered = true;
  for (let i = 1; i < keys.length && ordered; i += 1) ordered = keys[i - 1] < keys[i];
  return ordered ? labels : Object.fromEntries(keys.sort().map((key) => [key, labels[key]]));
}

function jsonVersion(version: KubernetesVersion) {
  return { minor: version.minor, source: version.source, server: version.server };
}
