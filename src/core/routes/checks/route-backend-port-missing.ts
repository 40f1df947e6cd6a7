import { similarPortNames } from '../../probes.js';
import { serviceType } from '../../selector.js';
import { formatRef } from '../../snapshot.js';
import { describeServicePorts, hopCheck, hopLabel, serviceOfHop, servicePortOfHop } from './route-helpers.js';

/** A route names a port the Service does not have (by number or by name), or no port at all. */
export const routeBackendPortMissing = hopCheck(
  {
    id: 'route-backend-port-missing',
    severity: 'error',
    title: 'Ingress or Gateway route names a port the Service does not have',
    modes: ['manifests', 'cluster'],
    help:
      "An Ingress backend's service.port.number or service.port.name, and a Gateway API backendRef's port, name one of " +
      "the Service's ports (spec.ports[].port or spec.ports[].name): not the targetPort, not a container port. When the " +
      'Service has no such port the controller has nowhere to send the path (Ingress: 503; Gateway API: ResolvedRefs=False, ' +
      'requests fail). A backendRef to a Service without a port is invalid (the Gateway API requires port for Service ' +
      "backends). The message lists the Service's ports, a look-alike name, and says when the number is a targetPort. Use " +
      "the Service's port number or name.",
  },
  (context, backend) => {
    const analysis = serviceOfHop(context, backend);
    if (!analysis || serviceType(analysis.entry.object) === 'ExternalName') return null;
    const service = analysis.entry.object;
    if (servicePortOfHop(service, backend)) return null;
    const ports = service.spec?.ports ?? [];
    const has = `${formatRef(analysis.entry.ref)} has ${describeServicePorts(service)}`;
    if (backend.port.name === undefined && backend.port.number === undefined) {
      const why = backend.route.kind === 'Ingress' ? 'an Ingress service backend needs port.number or port.name' : 'the Gateway API requires a port for Service backendRefs';
      return { message: `${hopLabel(backend)} names ${formatRef(analysis.entry.ref)} without a port: ${why} (${has}).` };
    }
    if (backend.port.name !== undefined) {
      const similar = similarPortNames(backend.port.name, ports.flatMap((port) => (port.name ? [port.name] : [])));
      const hint = similar.length > 0 ? ` Did you mean "${similar[0]}"?` : ports.some((port) => !port.name) ? ' An unnamed Service port can only be named by number.' : '';
      return { message: `${hopLabel(backend)} names port "${backend.port.name}" of ${formatRef(analysis.entry.ref)}, which has no port of that name (${has}).${hint}` };
    }
    const number = backend.port.number as number;
    // The number a Pod listens on (a numeric targetPort, or a named one resolved on a selected Pod) is the usual mix-up.
    const target = analysis.ports.find((port) => port.targetPort === number || port.resolutions.some((resolution) => resolution.port === number));
    const hint = target ? ` ${number} is where its port ${target.port}${target.name ? ` (${target.name})` : ''} delivers to on the Pods: routes name the Service port.` : '';
    return { message: `${hopLabel(backend)} names port ${number} of ${formatRef(analysis.entry.ref)}, which has no such port (${has}).${hint}` };
  },
);
