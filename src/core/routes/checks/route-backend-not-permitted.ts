import { listSome } from '../../checks/check-helpers.js';
import { describeBackendTarget } from '../route-backends.js';
import { crossesNamespaces, grantFor, nearGrants } from '../reference-grants.js';
import { hopCheck, hopLabel, namespaceHasServices } from './route-helpers.js';

/** A backendRef into another namespace without a ReferenceGrant there: the implementation refuses it (RefNotPermitted). */
export const routeBackendNotPermitted = hopCheck(
  {
    id: 'route-backend-not-permitted',
    severity: 'error',
    title: 'Gateway route refers to a Service in another namespace without a ReferenceGrant',
    modes: ['manifests', 'cluster'],
    help:
      'A Gateway API route may send traffic to a Service in another namespace only when a ReferenceGrant in the ' +
      "Service's namespace allows it: spec.from lists group gateway.networking.k8s.io, the route's kind and namespace; " +
      'spec.to lists group "" and kind Service, with no name (every Service) or the Service\'s name. Without one, the ' +
      'implementation sets ResolvedRefs=False with reason RefNotPermitted and the backend gets no traffic (requests that ' +
      'would go there fail). Add the ReferenceGrant in the target namespace, or move the route. In manifests, info when the ' +
      'input holds nothing of the target namespace (its grants may be deployed separately).',
  },
  (context, backend) => {
    if (backend.route.kind === 'Ingress' || !crossesNamespaces(backend)) return null;
    if (context.snapshot.unavailable.includes('referencegrants') || grantFor(context.snapshot, backend)) return null;
    const namespace = backend.service.namespace;
    const known = namespaceHasServices(context, namespace) || nearGrants(context.snapshot, backend).length > 0;
    if (!known && context.snapshot.source === 'cluster') return null;
    const near = nearGrants(context.snapshot, backend);
    const nearText = near.length > 0 ? ` ReferenceGrants in ${namespace} (${listSome(near.map((grant) => grant.ref.name), 3)}) do not allow ${backend.route.kind} from namespace ${backend.route.namespace} to Service ${backend.service.name}.` : '';
    const needed = ` Add a ReferenceGrant in namespace ${namespace} with from {group: gateway.networking.k8s.io, kind: ${backend.route.kind}, namespace: ${backend.route.namespace}} and to {group: "", kind: Service}.`;
    const message = `${hopLabel(backend)} sends traffic to ${describeBackendTarget(backend)} in another namespace, and no ReferenceGrant there allows it: the implementation refuses the backend (RefNotPermitted).${nearText}${needed}`;
    if (!known) return { severity: 'info', message: `${message} The input holds nothing of namespace ${namespace}; if its grants are deployed separately, this may be fine.` };
    return { message };
  },
);
