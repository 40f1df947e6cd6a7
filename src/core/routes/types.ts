import type { LabelSelector, ObjectMeta } from '../kubernetes-types.js';
import type { ObjectRef, SourceLocation } from '../snapshot.js';

/** networking.k8s.io/v1 IngressServiceBackend: a Service in the Ingress' namespace and one of its ports. */
export interface IngressServiceBackend {
  name: string;
  port?: { number?: number | null; name?: string | null } | null;
}

/** networking.k8s.io/v1 IngressBackend: a Service port, or a resource (which no Service check reads). */
export interface IngressBackend {
  service?: IngressServiceBackend | null;
  resource?: { apiGroup?: string | null; kind: string; name: string } | null;
}

/** One HTTP path of an Ingress rule. */
export interface HTTPIngressPath {
  path?: string | null;
  pathType?: string | null;
  backend: IngressBackend;
}

/** networking.k8s.io/v1 Ingress: host and path rules that send HTTP(S) to Service ports. */
export interface Ingress {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    ingressClassName?: string | null;
    defaultBackend?: IngressBackend | null;
    rules?: { host?: string | null; http?: { paths?: HTTPIngressPath[] | null } | null }[] | null;
    tls?: { hosts?: string[] | null; secretName?: string | null }[] | null;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] | null } | null };
}

/** networking.k8s.io/v1 IngressClass: which controller implements Ingresses of this class. */
export interface IngressClass {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { controller?: string | null; parameters?: Record<string, unknown> | null };
}

/** A Gateway API condition as controllers write it into status. */
export interface RouteCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** gateway.networking.k8s.io GatewayClass. */
export interface GatewayClass {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { controllerName?: string | null };
  status?: { conditions?: RouteCondition[] | null };
}

/** One listener of a Gateway: where it accepts which route kinds from which namespaces. */
export interface GatewayListener {
  name: string;
  hostname?: string | null;
  port: number;
  protocol: string;
  allowedRoutes?: {
    namespaces?: { from?: string | null; selector?: LabelSelector | null } | null;
    kinds?: { group?: string | null; kind: string }[] | null;
  } | null;
  tls?: Record<string, unknown> | null;
}

/** gateway.networking.k8s.io Gateway. */
export interface Gateway {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: { gatewayClassName?: string | null; listeners?: GatewayListener[] | null };
  status?: { conditions?: RouteCondition[] | null; listeners?: { name: string; attachedRoutes?: number; conditions?: RouteCondition[] | null }[] | null };
}

/** A route's parentRef: normally a Gateway (and optionally one listener by sectionName or port). */
export interface ParentReference {
  group?: string | null;
  kind?: string | null;
  namespace?: string | null;
  name: string;
  sectionName?: string | null;
  port?: number | null;
}

/** A route's backendRef: normally a core Service port, with an optional weight (default 1). */
export interface BackendReference {
  group?: string | null;
  kind?: string | null;
  namespace?: string | null;
  name: string;
  port?: number | null;
  weight?: number | null;
}

/**
 * HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute share this shape: parentRefs, optional
 * hostnames, and rules with backendRefs (HTTP and gRPC rules also carry matches and filters).
 */
export interface GatewayRoute {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    parentRefs?: ParentReference[] | null;
    hostnames?: string[] | null;
    rules?: { name?: string | null; matches?: Record<string, unknown>[] | null; backendRefs?: BackendReference[] | null }[] | null;
  };
  status?: { parents?: { parentRef: ParentReference; controllerName?: string; conditions?: RouteCondition[] | null }[] | null };
}

/** gateway.networking.k8s.io ReferenceGrant: lets objects in other namespaces refer to objects in this one. */
export interface ReferenceGrant {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec?: {
    from?: { group: string; kind: string; namespace: string }[] | null;
    to?: { group: string; kind: string; name?: string | null }[] | null;
  };
}

/** The Gateway API route kinds svc-explain reads. */
export const GATEWAY_ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const;

/**
 * One hop from a route (Ingress rule or Gateway route rule) to a Service port: the unit every
 * route check and the route chain in explain reads, whatever the route kind.
 */
export interface RouteBackend {
  /** The Ingress or Gateway route. */
  route: ObjectRef;
  /** Where in the route, for humans: `rules[0].http.paths[1] (shop.example.com/api)`, `defaultBackend`, `rules[2].backendRefs[0]`. */
  position: string;
  /** The Service the hop names (namespace defaulted to the route's). */
  service: { namespace: string; name: string };
  /** The Service port by number or by name (Ingress allows names; Gateway routes numbers only). */
  port: { number?: number; name?: string };
  /** Gateway routes: this backend's weight (default 1); Ingress: absent. */
  weight?: number;
  /** Gateway routes: the fraction of the rule's requests this backend gets (weight / sum of the rule's weights). */
  share?: number;
  /** Ingress rules: the host ('' for every host) and path of the rule; absent for defaultBackend. */
  host?: string;
  path?: string;
  pathType?: string;
  location?: SourceLocation;
}
