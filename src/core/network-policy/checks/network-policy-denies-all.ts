import type { Check } from '../../check.js';
import { formatRef } from '../../snapshot.js';
import { policyContextOf } from '../policy-context.js';
import { serviceAccess } from '../service-access.js';
import { policiesReadable } from './policy-helpers.js';
import { routeBackends } from '../../routes/route-backends.js';
import type { RouteBackend } from '../../routes/types.js';

/** A Service whose Pods accept no connection on any of its ports: every client is refused by policy. */
export const networkPolicyDeniesAll: Check = {
  id: 'network-policy-denies-all',
  severity: 'info',
  title: 'NetworkPolicies deny every client on every Service port',
  modes: ['manifests', 'cluster'],
  help:
    'Every Pod the Service selects is isolated for ingress by a NetworkPolicy, and no ingress rule of those policies allows ' +
    "the port the Service delivers to (the resolved targetPort, after kube-proxy's DNAT), so every connection is dropped. " +
    'That can be intended (a Service kept dark): info. A warning when an Ingress or Gateway route sends traffic to the ' +
    'Service, because then clients are meant to arrive (through the controller\'s proxy Pods, which the policies refuse too). ' +
    'Otherwise add an ingress rule that allows the clients on the targetPort, ' +
    'and check with `kubectl svc-explain can-reach --from CLIENT SERVICE`.',
  run(context) {
    if (!policiesReadable(context) || context.snapshot.networkPolicies.length === 0) return [];
    const policyContext = policyContextOf(context.snapshot);
    const routed = routesByService(routeBackends(context.snapshot));
    return context.services.flatMap((service) => {
      if (service.matched.length === 0) return [];
      const ports = serviceAccess(policyContext, service.entry.object, service.matched);
      const all = ports.flatMap((port) => port.pods);
      if (all.length === 0 || !all.some((pod) => pod.access === 'nobody') || !all.every((pod) => pod.access === 'nobody' || pod.access === 'no-port')) return [];
      const isolating = [...new Set(all.flatMap((pod) => pod.isolatedBy))].sort();
      const routes = routed.get(`${service.entry.ref.namespace}/${service.entry.ref.name}`) ?? [];
      const targets = ports.map((port) => `${port.port} (${[...new Set(port.pods.flatMap((pod) => (pod.port === null ? [] : [`${pod.port}/${port.protocol}`])))].join(', ') || 'unresolved'})`);
      return [{
        object: service.entry.ref,
        ...(service.entry.location ? { location: service.entry.location } : {}),
        message: `${formatRef(service.entry.ref)}: NetworkPolicies ${isolating.join(', ')} isolate all its Pods and no ingress rule allows ${targets.join(', ')}: every client is refused.${routedNote(routes)} Add an ingress rule for the targetPort if clients should connect.`,
        ...(routes.length > 0 ? { severity: 'warning' as const } : {}),
      }];
    });
  },
};

/** The routes that send traffic to each Service ("namespace/name"), a route once however many hops it has. */
function routesByService(backends: RouteBackend[]): Map<string, string[]> {
  const byService = new Map<string, string[]>();
  for (const backend of backends) {
    if (backend.weight === 0) continue;
    const key = `${backend.service.namespace}/${backend.service.name}`;
    const route = formatRef(backend.route);
    const routes = byService.get(key) ?? [];
    if (!routes.includes(route)) byService.set(key, [...routes, route]);
  }
  return byService;
}

/** " Ingress shop/web routes to it, so its traffic is refused too (warning)." or nothing. */
function routedNote(routes: string[]): string {
  if (routes.length === 0) return '';
  const shown = routes.slice(0, 3).join(', ') + (routes.length > 3 ? ` and ${routes.length - 3} more` : '');
  return ` ${shown} ${routes.length === 1 ? 'routes' : 'route'} traffic to it, which is refused too.`;
}
