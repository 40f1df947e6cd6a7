import type { Finding } from '../report.js';
import type { ObjectRef, Snapshot, SourceLocation } from '../snapshot.js';
import { hopLabel } from './checks/route-helpers.js';
import { routeBackends } from './route-backends.js';
import { resolveParents } from './route-parents.js';
import type { RouteBackend } from './types.js';

/** One route hop that ends at the Service, as `explain SERVICE` lists it under "Routed by". */
export interface RoutedByView {
  route: ObjectRef;
  location?: SourceLocation;
  position: string;
  port: RouteBackend['port'];
  host?: string;
  path?: string;
  weight?: number;
  share?: number;
  /** Gateway routes: each parent Gateway (and listener) and whether it takes the route. */
  parents: { gateway: string; listeners: string[]; state: string }[];
  findings: Finding[];
  broken: boolean;
}

/**
 * Every Ingress rule and Gateway route backend in the snapshot that sends traffic to this Service, with
 * the findings the route checks made about that hop. Empty when the snapshot holds no routes.
 */
export function routedBy(snapshot: Snapshot, findings: Finding[], service: { namespace: string; name: string }): RoutedByView[] {
  const hops = routeBackends(snapshot).filter((hop) => hop.service.namespace === service.namespace && hop.service.name === service.name);
  return hops.map((hop) => {
    const entry = (snapshot.gatewayRoutes ?? []).find((candidate) => candidate.ref === hop.route);
    const parents = entry
      ? resolveParents(snapshot, entry).map((verdict) => ({
          gateway: `${verdict.gateway.namespace}/${verdict.gateway.name}`,
          listeners: verdict.listeners.filter((listener) => listener.accepts !== false).map((listener) => listener.name),
          state: verdict.condition ? `${verdict.condition.status === 'True' ? 'accepted' : 'not accepted'} (controller)` : verdict.state,
        }))
      : [];
    const own = findings.filter((finding) => finding.object.kind === hop.route.kind && finding.object.namespace === hop.route.namespace && finding.object.name === hop.route.name && finding.message.startsWith(`${hopLabel(hop)} `));
    return {
      route: hop.route,
      ...(hop.location ? { location: hop.location } : {}),
      position: hop.position,
      port: hop.port,
      ...(hop.host !== undefined ? { host: hop.host } : {}),
      ...(hop.path !== undefined ? { path: hop.path } : {}),
      ...(hop.weight !== undefined ? { weight: hop.weight } : {}),
      ...(hop.share !== undefined ? { share: hop.share } : {}),
      parents,
      findings: own,
      broken: own.some((finding) => !finding.suppressed && finding.severity !== 'info') || parents.some((parent) => parent.state === 'rejected' || parent.state === 'gateway-missing' || parent.state.startsWith('not accepted')),
    };
  });
}
