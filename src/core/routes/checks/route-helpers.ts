import type { Check, CheckContext, CheckMeta, CheckResult, ServiceAnalysis } from '../../check.js';
import type { Service, ServicePort } from '../../kubernetes-types.js';
import type { Severity } from '../../report.js';
import { formatRef } from '../../snapshot.js';
import { nameKey } from '../../snapshot-index.js';
import { routeBackends } from '../route-backends.js';
import { routeResourceOf } from '../route-kinds.js';
import type { RouteBackend } from '../types.js';
import { isSimilarLowercase } from '../../similar-values.js';

/** What a hop check says about one hop: the message, and a severity when it differs from the check's. */
export interface HopProblem {
  message: string;
  severity?: Severity;
}

/** Judges one route → Service hop; null when the hop is fine as far as this check goes. */
export type HopProblemOf = (context: CheckContext, backend: RouteBackend) => HopProblem | null;

const HOPS = new WeakMap<CheckContext, RouteBackend[]>();
const ANALYSES = new WeakMap<CheckContext, Map<string, ServiceAnalysis>>();

/** The hops of the snapshot, computed once per analysis. */
export function hopsOf(context: CheckContext): RouteBackend[] {
  let hops = HOPS.get(context);
  if (!hops) HOPS.set(context, (hops = routeBackends(context.snapshot)));
  return hops;
}

/** The analysed Service a hop names, if the input holds it. */
export function serviceOfHop(context: CheckContext, backend: RouteBackend): ServiceAnalysis | undefined {
  let analyses = ANALYSES.get(context);
  if (!analyses) {
    analyses = new Map(context.services.map((analysis) => [nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name), analysis]));
    ANALYSES.set(context, analyses);
  }
  return analyses.get(nameKey(backend.service.namespace, backend.service.name));
}

/** "HTTPRoute shop/store rules[0].backendRefs[1]": the route and the place in it a message is about. */
export function hopLabel(backend: RouteBackend): string {
  return `${formatRef(backend.route)} ${backend.position}`;
}

/** True when the route kind could be read (a 403 leaves it out, so its checks stay quiet). */
export function routeKindReadable(context: CheckContext, kind: string): boolean {
  return !context.snapshot.unavailable.includes(routeResourceOf(kind));
}

/** True when the input holds Services of this namespace: otherwise a missing one may just not have been given (or read). */
export function namespaceHasServices(context: CheckContext, namespace: string): boolean {
  return context.snapshot.services.some((entry) => entry.ref.namespace === namespace);
}

/** The Service port a hop names: by name, or by number; undefined when the Service has no such port. */
export function servicePortOfHop(service: Service, backend: RouteBackend): ServicePort | undefined {
  const ports = service.spec?.ports ?? [];
  if (backend.port.name !== undefined) return ports.find((port) => port.name === backend.port.name);
  if (backend.port.number !== undefined) return ports.find((port) => port.port === backend.port.number);
  return undefined;
}

/** "http 80/TCP→8080, 9090/TCP": a Service's ports as messages list them. */
export function describeServicePorts(service: Service): string {
  const ports = (service.spec?.ports ?? []).map((port) => `${port.name ? `${port.name} ` : ''}${port.port}/${port.protocol ?? 'TCP'}${port.targetPort !== undefined && port.targetPort !== port.port ? `→${port.targetPort}` : ''}`);
  return ports.join(', ') || 'no ports';
}

/** A finding on the route, at its file and line. */
export function onRoute(backend: RouteBackend, problem: HopProblem): CheckResult {
  return { object: backend.route, message: problem.message, ...(backend.location ? { location: backend.location } : {}), ...(problem.severity ? { severity: problem.severity } : {}) };
}

export { onEntry } from '../../checks/check-helpers.js';

/**
 * Builds a hop check: the metadata, and the function asked about each hop of each readable route. Every
 * message starts with hopLabel(backend) and a space, which is how explain finds a hop's findings.
 */
export function hopCheck(meta: CheckMeta, problemOf: HopProblemOf): Check {
  return {
    ...meta,
    run(context) {
      return hopsOf(context).flatMap((backend) => {
        if (!routeKindReadable(context, backend.route.kind)) return [];
        const problem = problemOf(context, backend);
        return problem ? [onRoute(backend, problem)] : [];
      });
    },
  };
}

/** The names that look like `wanted` (a typo, a missing suffix, another case), in the order given; `wanted` itself left out. */
export function similarNames(wanted: string, names: readonly string[]): string[] {
  const lower = wanted.toLowerCase();
  return names.filter((name) => name !== wanted && isSimilarLowercase(lower, name.toLowerCase()));
}
