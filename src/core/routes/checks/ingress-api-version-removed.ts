import type { Check } from '../../check.js';
import { formatRef } from '../../snapshot.js';
import { usesRemovedIngressVersion } from '../route-kinds.js';
import { onEntry } from './route-helpers.js';

/** extensions/v1beta1 and networking.k8s.io/v1beta1 Ingresses: no supported Kubernetes serves them, kubectl apply fails. */
export const ingressApiVersionRemoved: Check = {
  id: 'ingress-api-version-removed',
  severity: 'error',
  title: 'Ingress or IngressClass uses an apiVersion removed in Kubernetes 1.22',
  modes: ['manifests'],
  help:
    'Ingress in extensions/v1beta1 and networking.k8s.io/v1beta1, and IngressClass in networking.k8s.io/v1beta1, were ' +
    'removed in Kubernetes 1.22; every minor svc-explain supports refuses them ("no matches for kind Ingress in version ' +
    '..."), so the object is never created and none of its paths route anywhere. Move to networking.k8s.io/v1: ' +
    'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number (or ' +
    '.name), and every path needs a pathType (Prefix, Exact or ImplementationSpecific). Its backends are not checked ' +
    'until then.',
  run(context) {
    const objects = [...(context.snapshot.ingresses ?? []), ...(context.snapshot.ingressClasses ?? [])];
    return objects.flatMap((entry) => {
      if (!usesRemovedIngressVersion(entry.object, entry.ref.kind)) return [];
      return [onEntry(entry, `${formatRef(entry.ref)} uses apiVersion ${entry.object.apiVersion}, removed in Kubernetes 1.22: the API server refuses it, so it routes nothing. Use networking.k8s.io/v1.`)];
    });
  },
};
