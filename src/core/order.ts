import type { Finding, ServiceExplanation } from './report.js';
import { SEVERITIES } from './report.js';
import type { ObjectRef } from './snapshot.js';

/**
 * The one order of findings and Services: analyze() hands them out in it, and every renderer sorts
 * by it again (cheap on input already in order), so that the same Report always prints the same text.
 */

/** Byte-wise comparison, independent of the machine's locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders objects by namespace, then kind, then name. */
export function compareRefs(a: ObjectRef, b: ObjectRef): number {
  return compareText(a.namespace, b.namespace) || compareText(a.kind, b.kind) || compareText(a.name, b.name);
}

/** Most serious first, then by check, object, message and line. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareText(a.check, b.check) ||
    compareRefs(a.object, b.object) ||
    compareText(a.message, b.message) ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0)
  );
}

/** Services by namespace, then name: the order a user scans a listing in. */
export function compareServices(a: ServiceExplanation, b: ServiceExplanation): number {
  return compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
}
