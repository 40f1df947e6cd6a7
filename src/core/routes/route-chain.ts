import { runAnalysis } from '../analyze.js';
import { buildExplainView, type ExplainViewOptions, type ServiceExplainView } from '../live/explain-view.js';
import type { Finding, PortExplanation, Report } from '../report.js';
import { formatRef, type Entry, type ObjectRef, type Snapshot, type SourceLocation } from '../snapshot.js';
import { defaultVersion, type KubernetesVersion } from '../version/kubernetes-version.js';
import { hopLabel } from './checks/route-helpers.js';
import { gatewayRouteBackends, ingressBackends, otherBackendRefs } from './route-backends.js';
import { resolveParents, type ParentVerdict } from './route-parents.js';
import type { GatewayRoute, Ingress, RouteBackend } from './types.js';

/** One hop of the route as explain shows it: where it is, what it names, what that resolves to, what is wrong. */
export interface RouteHopView extends Omit<RouteBackend, 'route' | 'location'> {
  /** The Service port the hop lands on; null when the Service or the port does not exist. */
  servicePort: PortExplanation | null;
  serviceFound: boolean;
  /** The route's findings about this hop. */
  findings: Finding[];
  /** True when an unsuppressed error or warning is about this hop. */
  broken: boolean;
}

/** A parentRef as explain shows it, with the route's findings about it. */
export interface RouteParentView extends ParentVerdict {
  findings: Finding[];
  broken: boolean;
}

/** One backend Service of the route: the per-Service explain view (live), or its offline analysis. */
export type RouteServiceView = Pick<ServiceExplainView, 'service' | 'findings'> & Partial<Omit<ServiceExplainView, 'service' | 'findings'>>;

/** Everything `explain ingress/NAME` or `explain httproute/NAME` prints, as plain data (the JSON output). */
export interface RouteExplainView {
  route: ObjectRef & { location?: SourceLocation };
  source: Snapshot['source'];
  ingressClassName?: string | null;
  hostnames: string[];
  parents: RouteParentView[];
  backends: RouteHopView[];
  /** backendRefs that name something other than a Service: not followed. */
  otherBackends: { position: string; group: string; kind: string; name: string }[];
  /** Each backend Service that exists, once, in the order the hops first name it. */
  services: RouteServiceView[];
  /** Findings about the route that no hop or parent owns (for example a removed apiVersion). */
  findings: Finding[];
  notes: string[];
  kubernetesVersion: KubernetesVersion;
}

function isBroken(findings: Finding[]): boolean {
  return findings.some((finding) => !finding.suppressed && finding.severity !== 'info');
}

function routeEntry(snapshot: Snapshot, target: ObjectRef): Entry<Ingress> | Entry<GatewayRoute> | undefined {
  const same = (entry: Entry<unknown>) => entry.ref.kind === target.kind && entry.ref.namespace === target.namespace && entry.ref.name === target.name;
  return target.kind === 'Ingress' ? (snapshot.ingresses ?? []).find(same) : (snapshot.gatewayRoutes ?? []).find(same);
}

function hopView(hop: RouteBackend, report: Report, routeFindings: Finding[]): RouteHopView {
  const { route: _route, location: _location, ...rest } = hop;
  const service = report.services.find((candidate) => candidate.namespace === hop.service.namespace && candidate.name === hop.service.name);
  const servicePort = service?.ports.find((port) => (hop.port.name !== undefined ? port.name === hop.port.name : port.port === hop.port.number)) ?? null;
  const findings = routeFindings.filter((finding) => finding.message.startsWith(`${hopLabel(hop)} `));
  return { ...rest, servicePort, serviceFound: service !== undefined, findings, broken: isBroken(findings) || !service || !servicePort };
}

function serviceView(snapshot: Snapshot, report: Report, ref: { namespace: string; name: string }, options: ExplainViewOptions): RouteServiceView | null {
  const entry = snapshot.services.find((candidate) => candidate.ref.namespace === ref.namespace && candidate.ref.name === ref.name);
  if (!entry) return null;
  if (snapshot.source === 'cluster') return buildExplainView({ ...snapshot, services: [entry] }, ref.name, options).view;
  const service = report.services.find((candidate) => candidate.namespace === ref.namespace && candidate.name === ref.name);
  if (!service) return null;
  return { service, findings: report.findings.filter((finding) => finding.object.kind === 'Service' && finding.object.namespace === ref.namespace && finding.object.name === ref.name) };
}

/**
 * The whole way in for one route: its parents (Gateway routes), each hop to a Service port, and each
 * backend Service explained as `explain SERVICE` does (offline: selector, matches and port resolutions).
 * Null when the snapshot does not hold the route. The report's findings decide the exit code.
 */
export function buildRouteExplainView(snapshot: Snapshot, target: ObjectRef, options: ExplainViewOptions = {}): { view: RouteExplainView; report: Report } | null {
  const entry = routeEntry(snapshot, target);
  if (!entry) return null;
  const { report } = runAnalysis(snapshot, { ...(options.ignore ? { ignore: options.ignore } : {}), ...(options.profile ? { profile: options.profile } : {}) });
  const routeFindings = report.findings.filter((finding) => finding.object.kind === target.kind && finding.object.namespace === target.namespace && finding.object.name === target.name);
  const ingress = target.kind === 'Ingress' ? (entry as Entry<Ingress>) : null;
  const route = ingress ? null : (entry as Entry<GatewayRoute>);
  const hops = ingress ? ingressBackends(ingress) : gatewayRouteBackends(route as Entry<GatewayRoute>);
  const backends = hops.map((hop) => hopView(hop, report, routeFindings));
  const parents = route ? resolveParents(snapshot, route).map((verdict): RouteParentView => {
    const findings = routeFindings.filter((finding) => finding.check === 'route-parent-not-accepted' && finding.message.startsWith(`${formatRef(target)} ${verdict.position}`));
    return { ...verdict, findings, broken: isBroken(findings) };
  }) : [];
  const owned = new Set([...backends.flatMap((hop) => hop.findings), ...parents.flatMap((parent) => parent.findings)]);
  const seen = new Set<string>();
  const services = hops.flatMap((hop) => {
    const key = `${hop.service.namespace}/${hop.service.name}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const view = serviceView(snapshot, report, hop.service, options);
    return view ? [view] : [];
  });
  const view: RouteExplainView = {
    route: { ...entry.ref, ...(entry.location ? { location: entry.location } : {}) },
    source: snapshot.source,
    ...(ingress ? { ingressClassName: ingress.object.spec?.ingressClassName ?? null } : {}),
    hostnames: ingress ? [...new Set(hops.flatMap((hop) => (hop.host ? [hop.host] : [])))] : (route?.object.spec?.hostnames ?? []).filter((hostname) => typeof hostname === 'string'),
    parents,
    backends,
    otherBackends: route ? otherBackendRefs(route).map(({ position, ref }) => ({ position, group: ref.group ?? '', kind: ref.kind ?? 'Service', name: ref.name })) : [],
    services,
    findings: routeFindings.filter((finding) => !owned.has(finding)),
    notes: report.notes,
    kubernetesVersion: snapshot.kubernetesVersion ?? defaultVersion(),
  };
  const shown = [...routeFindings, ...services.flatMap((service) => service.findings)];
  return { view, report: { ...report, findings: shown } };
}
