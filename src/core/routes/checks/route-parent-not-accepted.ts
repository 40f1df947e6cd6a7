import type { Check, CheckContext, CheckResult } from '../../check.js';
import { listSome } from '../../checks/check-helpers.js';
import { formatRef, type Entry } from '../../snapshot.js';
import { resolveParents, type ParentVerdict } from '../route-parents.js';
import type { GatewayRoute } from '../types.js';
import { onEntry, routeKindReadable, similarNames } from './route-helpers.js';

function similarGateways(context: CheckContext, verdict: ParentVerdict): string {
  const inNamespace = (context.snapshot.gateways ?? []).filter((entry) => entry.ref.namespace === verdict.gateway.namespace).map((entry) => entry.ref.name);
  const names = similarNames(verdict.gateway.name, inNamespace);
  const elsewhere = (context.snapshot.gateways ?? []).filter((entry) => entry.ref.name === verdict.gateway.name && entry.ref.namespace !== verdict.gateway.namespace);
  return [
    names.length > 0 ? ` Similar Gateways in namespace ${verdict.gateway.namespace}: ${listSome(names, 3)}.` : '',
    elsewhere.length > 0 ? ` A Gateway ${verdict.gateway.name} exists in namespace ${listSome(elsewhere.map((entry) => entry.ref.namespace), 3)} (set the parentRef namespace).` : '',
  ].join('');
}

function resultsFor(context: CheckContext, entry: Entry<GatewayRoute>): CheckResult[] {
  const label = formatRef(entry.ref);
  const parents = resolveParents(context.snapshot, entry);
  if ((entry.object.spec?.parentRefs ?? []).length === 0) return [onEntry(entry, `${label} has no spec.parentRefs, so it attaches to no Gateway and serves nothing.`, 'warning')];
  const gatewaysRead = context.snapshot.source === 'manifests' || (context.snapshot.gateways !== undefined && !context.snapshot.unavailable.includes('gateways'));
  return parents.flatMap((verdict): CheckResult[] => {
    const where = `${label} ${verdict.position}`;
    if (verdict.condition?.status === 'False') {
      const said = [verdict.condition.reason, verdict.condition.message].filter(Boolean).join(': ');
      return [onEntry(entry, `${where}: the controller did not accept the route for Gateway ${verdict.gateway.namespace}/${verdict.gateway.name} (Accepted=False${said ? `, ${said}` : ''}).`)];
    }
    if (verdict.condition?.status === 'True' || !gatewaysRead) return [];
    if (verdict.state === 'gateway-missing') {
      const inNamespace = (context.snapshot.gateways ?? []).some((gateway) => gateway.ref.namespace === verdict.gateway.namespace);
      if (!inNamespace && context.snapshot.source === 'manifests') {
        return [onEntry(entry, `${where} names Gateway ${verdict.gateway.namespace}/${verdict.gateway.name}, and the input holds no Gateway in namespace ${verdict.gateway.namespace}; if it is deployed separately, this is fine.${similarGateways(context, verdict)}`, 'info')];
      }
      if (!inNamespace && verdict.gateway.namespace !== entry.ref.namespace) return [];
      return [onEntry(entry, `${where} names Gateway ${verdict.gateway.namespace}/${verdict.gateway.name}, which does not exist: the route attaches nowhere through it.${similarGateways(context, verdict)}`)];
    }
    if (verdict.state !== 'rejected') return [];
    return [onEntry(entry, `${where}: ${verdict.problem}, so the route does not attach there.`)];
  });
}

/** A route that no listener of its parent Gateways takes: it serves nothing there, whatever its backends. */
export const routeParentNotAccepted: Check = {
  id: 'route-parent-not-accepted',
  severity: 'error',
  title: 'Gateway route is not accepted by the Gateway (or listener) it names',
  modes: ['manifests', 'cluster'],
  help:
    "A Gateway API route attaches to the Gateways of spec.parentRefs (group gateway.networking.k8s.io, kind Gateway and " +
    "the route's namespace by default). It attaches only to listeners that match the parentRef's sectionName (listener " +
    'name) and port, whose allowedRoutes admit its namespace (namespaces.from: Same by default, All, or Selector) and ' +
    'its kind (allowedRoutes.kinds, or by protocol: HTTP and HTTPS take HTTPRoute and GRPCRoute, TLS takes TLSRoute, TCP ' +
    'TCPRoute, UDP UDPRoute), and whose hostname intersects the route\'s hostnames. The message names the missing ' +
    'Gateway (and look-alikes) or each listener and why it refuses the route; live, a controller\'s status.parents ' +
    'Accepted=False is reported with its reason (and Accepted=True wins over this prediction). A route without ' +
    'parentRefs is a warning. In manifests, info when the input holds no Gateway of that namespace.',
  run(context) {
    return (context.snapshot.gatewayRoutes ?? []).flatMap((entry) => (routeKindReadable(context, entry.ref.kind) ? resultsFor(context, entry) : []));
  },
};
