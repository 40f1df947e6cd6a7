import { UsageError } from '../errors.js';

/** What `explain` was asked about: a Service (the default), an Ingress or a Gateway API route. */
export interface ExplainTarget {
  kind: 'Service' | 'Ingress' | 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute';
  name: string;
}

/** kubectl's names for each kind: singular, plural, short name, and plural.group. */
const FORMS: Record<ExplainTarget['kind'], string[]> = {
  Service: ['service', 'services', 'svc'],
  Ingress: ['ingress', 'ingresses', 'ing', 'ingresses.networking.k8s.io', 'ingress.networking.k8s.io'],
  HTTPRoute: ['httproute', 'httproutes'],
  GRPCRoute: ['grpcroute', 'grpcroutes'],
  TLSRoute: ['tlsroute', 'tlsroutes'],
  TCPRoute: ['tcproute', 'tcproutes'],
  UDPRoute: ['udproute', 'udproutes'],
};
for (const kind of ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'] as const) {
  FORMS[kind].push(...FORMS[kind].map((form) => `${form}.gateway.networking.k8s.io`));
}

/** Every TYPE/ that `explain` accepts, for help and completion. */
export const EXPLAIN_RESOURCE_FORMS: readonly string[] = Object.values(FORMS).flat();

/** Parses NAME, svc/NAME, ingress/NAME, httproute/NAME (any of kubectl's forms, case-insensitive). */
export function parseExplainTarget(argument: string): ExplainTarget {
  const slash = argument.indexOf('/');
  if (slash === -1) return { kind: 'Service', name: argument };
  const type = argument.slice(0, slash).toLowerCase();
  const name = argument.slice(slash + 1);
  const kind = (Object.keys(FORMS) as ExplainTarget['kind'][]).find((candidate) => FORMS[candidate].includes(type));
  if (!kind) throw new UsageError(`explain takes a Service, ingress/NAME or a Gateway route (httproute/, grpcroute/, tlsroute/, tcproute/, udproute/NAME), not ${argument}`);
  if (!name || name.includes('/')) throw new UsageError(`${argument}: give one name after ${type}/`);
  return { kind, name };
}
