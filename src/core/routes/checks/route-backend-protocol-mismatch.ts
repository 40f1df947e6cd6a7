import type { CheckContext } from '../../check.js';
import { servicePortProtocol } from '../../find-port.js';
import { serviceType } from '../../selector.js';
import { formatRef } from '../../snapshot.js';
import { resolveParents } from '../route-parents.js';
import type { RouteBackend } from '../types.js';
import { hopCheck, hopLabel, serviceOfHop, servicePortOfHop } from './route-helpers.js';

/** Cleartext application protocols (GEP-1911): a backend that speaks one of them cannot take a passed-through TLS stream. */
const CLEARTEXT = ['kubernetes.io/h2c', 'kubernetes.io/ws', 'http'];
const HTTP_FLAVOURS = ['kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss'];

/** True when every listener that takes this TLSRoute passes TLS through (the backend then receives the client's TLS). */
function passesTlsThrough(context: CheckContext, backend: RouteBackend): boolean {
  const entry = (context.snapshot.gatewayRoutes ?? []).find((candidate) => candidate.ref === backend.route);
  if (!entry) return false;
  const listeners = resolveParents(context.snapshot, entry).flatMap((verdict) => {
    const gateway = (context.snapshot.gateways ?? []).find((candidate) => candidate.ref.namespace === verdict.gateway.namespace && candidate.ref.name === verdict.gateway.name);
    const accepted = new Set(verdict.listeners.filter((listener) => listener.accepts === true).map((listener) => listener.name));
    return (gateway?.object.spec?.listeners ?? []).filter((listener) => accepted.has(listener.name));
  });
  return listeners.length > 0 && listeners.every((listener) => (listener.tls as { mode?: string } | null | undefined)?.mode === 'Passthrough');
}

/** A route kind that cannot talk to the Service port as declared: the wrong transport, or an appProtocol it does not speak. */
export const routeBackendProtocolMismatch = hopCheck(
  {
    id: 'route-backend-protocol-mismatch',
    severity: 'warning',
    title: "Route kind contradicts the backend Service port's protocol or appProtocol",
    modes: ['manifests', 'cluster'],
    help:
      'A UDPRoute sends UDP datagrams and every other route kind TCP connections, so the Service port must have that ' +
      'protocol (error: kube-proxy has no rule for the other one). Service ports may also say which application protocol ' +
      "they speak (appProtocol; the Gateway API's GEP-1911 reads kubernetes.io/h2c, kubernetes.io/ws and kubernetes.io/wss). " +
      'A TLSRoute on a Passthrough listener hands the backend the client\'s TLS stream, which a cleartext h2c, ws or http ' +
      'backend cannot read; a GRPCRoute needs HTTP/2 (h2c is right), not WebSocket; TCPRoute and UDPRoute forward bytes ' +
      'without speaking HTTP at all (info). Implementations that see the contradiction set ResolvedRefs=False ' +
      '(UnsupportedProtocol). Use the route kind the backend speaks, or correct appProtocol.',
  },
  (context, backend) => {
    if (backend.route.kind === 'Ingress') return null;
    const analysis = serviceOfHop(context, backend);
    if (!analysis || serviceType(analysis.entry.object) === 'ExternalName') return null;
    const port = servicePortOfHop(analysis.entry.object, backend);
    if (!port) return null;
    const where = `${hopLabel(backend)} → ${formatRef(analysis.entry.ref)} port ${port.name ?? port.port}`;
    const protocol = servicePortProtocol(port);
    const wanted = backend.route.kind === 'UDPRoute' ? 'UDP' : 'TCP';
    if (protocol !== wanted) return { severity: 'error', message: `${where}: a ${backend.route.kind} sends ${wanted}, but the Service port is ${protocol}, so no traffic gets through.` };
    const app = port.appProtocol;
    if (!app) return null;
    if (backend.route.kind === 'GRPCRoute' && (app === 'kubernetes.io/ws' || app === 'kubernetes.io/wss')) {
      return { message: `${where}: appProtocol ${app} says the backend speaks WebSocket, but a GRPCRoute sends gRPC (HTTP/2).` };
    }
    if (backend.route.kind === 'TLSRoute' && CLEARTEXT.includes(app) && passesTlsThrough(context, backend)) {
      return { message: `${where}: the listener passes the TLS stream through, so the backend receives TLS, but appProtocol ${app} says it speaks cleartext.` };
    }
    if ((backend.route.kind === 'TCPRoute' || backend.route.kind === 'UDPRoute') && HTTP_FLAVOURS.includes(app)) {
      return { severity: 'info', message: `${where}: appProtocol ${app} asks the gateway to speak HTTP to the backend, but a ${backend.route.kind} only forwards bytes; an HTTPRoute${app === 'kubernetes.io/h2c' ? ' or GRPCRoute' : ''} is what the port is declared for.` };
    }
    return null;
  },
);
