import type { Entry, Snapshot } from '../snapshot.js';
import { GATEWAY_GROUP } from './route-kinds.js';
import type { ReferenceGrant, RouteBackend } from './types.js';

/** True when the hop crosses namespaces, which the Gateway API allows only with a ReferenceGrant in the Service's namespace. */
export function crossesNamespaces(backend: RouteBackend): boolean {
  return backend.service.namespace !== backend.route.namespace;
}

/**
 * The ReferenceGrant in the Service's namespace that allows this hop: a `from` entry for the route's
 * group, kind and namespace, and a `to` entry for group "" kind Service, with no name or the Service's.
 */
export function grantFor(snapshot: Snapshot, backend: RouteBackend): Entry<ReferenceGrant> | undefined {
  return (snapshot.referenceGrants ?? []).find((grant) => {
    if (grant.ref.namespace !== backend.service.namespace) return false;
    const from = (grant.object.spec?.from ?? []).some((entry) => entry?.group === GATEWAY_GROUP && entry.kind === backend.route.kind && entry.namespace === backend.route.namespace);
    const to = (grant.object.spec?.to ?? []).some((entry) => (entry?.group ?? '') === '' && entry?.kind === 'Service' && (!entry.name || entry.name === backend.service.name));
    return from && to;
  });
}

/** Grants in the Service's namespace that come close (right namespace, wrong from or to), for the message. */
export function nearGrants(snapshot: Snapshot, backend: RouteBackend): Entry<ReferenceGrant>[] {
  return (snapshot.referenceGrants ?? []).filter((grant) => grant.ref.namespace === backend.service.namespace);
}
