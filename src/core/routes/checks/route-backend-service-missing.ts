import { listSome } from '../../checks/check-helpers.js';
import { describeBackendTarget } from '../route-backends.js';
import { hopCheck, hopLabel, namespaceHasServices, serviceOfHop, similarNames } from './route-helpers.js';

/** A route names a Service that is not there: the controller answers 503 (Ingress) or 500 (Gateway API) for that path. */
export const routeBackendServiceMissing = hopCheck(
  {
    id: 'route-backend-service-missing',
    severity: 'error',
    title: 'Ingress or Gateway route sends traffic to a Service that does not exist',
    modes: ['manifests', 'cluster'],
    help:
      'An Ingress rule path or defaultBackend (service.name), or a Gateway API route backendRef (kind Service, the ' +
      "default), names a Service that does not exist in its namespace (an Ingress' own namespace; a backendRef's " +
      'namespace, by default the route\'s). Ingress controllers answer 503 for that path; Gateway implementations set ' +
      'ResolvedRefs=False (BackendNotFound) and answer 500 for the share of requests the backend would get. The message ' +
      'lists Services with a look-alike name in the namespace, and Services of that name elsewhere. Fix the name, or ' +
      'create the Service. In manifests, info when the input holds no Service of that namespace at all (it may be ' +
      'deployed separately); live, backends in namespaces that were not read are not judged.',
  },
  (context, backend) => {
    if (serviceOfHop(context, backend) || context.snapshot.unavailable.includes('services')) return null;
    const { namespace, name } = backend.service;
    const known = namespaceHasServices(context, namespace);
    if (!known && context.snapshot.source === 'cluster' && namespace !== backend.route.namespace) return null;
    const inNamespace = context.snapshot.services.filter((entry) => entry.ref.namespace === namespace).map((entry) => entry.ref.name);
    const similar = similarNames(name, inNamespace).sort();
    const elsewhere = context.snapshot.services.filter((entry) => entry.ref.name === name && entry.ref.namespace !== namespace).map((entry) => entry.ref.namespace);
    const hints = [
      similar.length > 0 ? ` Similar names in namespace ${namespace}: ${listSome(similar, 3)}.` : '',
      elsewhere.length > 0 ? ` A Service ${name} exists in namespace ${listSome(elsewhere, 3)}${backend.route.kind === 'Ingress' ? ", but an Ingress can only reach Services in its own namespace" : ' (set the backendRef namespace, and a ReferenceGrant there)'}.` : '',
    ].join('');
    const effect = backend.route.kind === 'Ingress' ? 'the Ingress controller answers 503 for it' : 'the implementation sets ResolvedRefs=False and answers 500 for its share of requests';
    if (!known && context.snapshot.source === 'manifests') {
      return { severity: 'info', message: `${hopLabel(backend)} sends traffic to ${describeBackendTarget(backend)}, and the input holds no Service in namespace ${namespace}; if it is deployed separately, this is fine.${hints}` };
    }
    return { message: `${hopLabel(backend)} sends traffic to ${describeBackendTarget(backend)}, which does not exist, so ${effect}.${hints}` };
  },
);
