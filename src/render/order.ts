import type { Finding, ServiceExplanation } from '../core/report.js';
import { compareFindings, compareServices } from '../core/order.js';

export { compareRefs, compareText } from '../core/order.js';

/**
 * Sorting and grouping shared by every renderer, so that the same Report always prints the same
 * text whatever order the analysis produced it in.
 */

/** Services by namespace, then name: the order a user scans a listing in. */
export function sortServices(services: readonly ServiceExplanation[]): ServiceExplanation[] {
  return [...services].sort(compareServices);
}

/** Most serious first, then by check, object, message and line. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
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
