import type { CheckMeta } from '../../../src/core/check.js';
import type {
  Finding,
  LabelDifference,
  MatchedObject,
  NearMiss,
  PortExplanation,
  PortResolution,
  Report,
  ServiceExplanation,
  Severity,
} from '../../../src/core/report.js';
import { SEVERITIES } from '../../../src/core/report.js';
import type { ObjectRef } from '../../../src/core/snapshot.js';

/** Small builders so renderer fixtures read like the situation they describe. */

export function ref(kind: string, namespace: string, name: string): ObjectRef {
  return { kind, namespace, name };
}

export function service(namespace: string, name: string, fields: Partial<ServiceExplanation> = {}): ServiceExplanation {
  return { namespace, name, type: 'ClusterIP', selector: null, matches: [], nearMisses: [], nearMissTotal: 0, nearMissKind: null, ports: [], ...fields };
}

export function template(kind: string, namespace: string, name: string, replicas: number | null): MatchedObject {
  return { kind, namespace, name, replicas };
}

export function nearMiss(object: ObjectRef, ...differences: LabelDifference[]): NearMiss {
  return { object, differences };
}

export function differs(selectorKey: string, want: string, actualKey: string | null, actualValue: string | null): LabelDifference {
  return { selectorKey, want, actualKey, actualValue };
}

export function port(port: number, targetPort: number | string, fields: Partial<PortExplanation> = {}): PortExplanation {
  return { port, targetPort, protocol: 'TCP', resolutions: [], ...fields };
}

export function resolved(object: ObjectRef, portNumber: number, container?: string): PortResolution {
  return { object, status: 'resolved', port: portNumber, ...(container ? { container } : {}) };
}

export function finding(check: string, severity: Severity, object: ObjectRef, message: string, fields: Partial<Finding> = {}): Finding {
  return { check, severity, suppressed: false, object, message, ...fields };
}

/** A report whose summary is counted from its findings, the way analyze() fills it. */
export function report(services: ServiceExplanation[], findings: Finding[], fields: Partial<Report> = {}): Report {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const item of findings) if (!item.suppressed) counts[item.severity] += 1;
  return {
    findings,
    services,
    summary: {
      services: services.length,
      objects: services.length + findings.length,
      findings: counts,
      suppressed: findings.filter((item) => item.suppressed).length,
    },
    notes: [],
    ...fields,
  };
}

export function check(id: string, severity: Severity, title: string): CheckMeta {
  return { id, severity, title, modes: ['manifests', 'cluster'], help: `${title}. Fix it by editing the manifest.` };
}
