import type { Finding, ServiceExplanation } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';
import type { ObjectRef } from '../core/snapshot.js';

/**
 * Sorting and grouping shared by every renderer, so that the same Report always prints the same
 * text whatever order the analysis produced it in.
 */

/** Orders objects by namespace, then kind, then name. */
export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return compareText(a.namespace, b.namespace) || compareText(a.kind, b.kind) || compareText(a.name, b.name);
}

/** Services by namespace, then name: the order a user scans a listing in. */
export function sortServices(services: readonly ServiceExplanation[]): ServiceExplanation[] {
  return [...services].sort((a, b) => compareText(a.namespace, b.namespace) || compareText(a.name, b.name));
}

/** Most serious first, then by check, object, message and line. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compareText(a.check, b.check) ||
      compareRefs(a.object, b.object) ||
      compareText(a.message, b.message) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0),
  );
}

/** The key a Service and the findings about it share. */
export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Findings split into those about a listed Service and those about anything else. */
export interface GroupedFindings {
  byService: Map<string, Finding[]>;
  others: Finding[];
}

/** Groups findings under the Service they name, so a Service's problems print next to it. */
export function groupFindings(report: { findings: readonly Finding[]; services: readonly ServiceExplanation[] }): GroupedFindings {
  const known = new Set(report.services.map((service) => serviceKey(service.namespace, service.name)));
  const byService = new Map<string, Finding[]>();
  const others: Finding[] = [];
  for (const finding of sortFindings(report.findings)) {
    const key = serviceKey(finding.object.namespace, finding.object.name);
    if (finding.object.kind === 'Service' && known.has(key)) {
      byService.set(key, [...(byService.get(key) ?? []), finding]);
    } else {
      others.push(finding);
    }
  }
  return { byService, others };
}

/** Byte-wise comparison, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
