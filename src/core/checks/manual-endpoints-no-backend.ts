/**
 * A Service without a selector whose hand-written Endpoints or EndpointSlices leave a Service port
 * without any backend kube-proxy may use. kube-proxy reads only EndpointSlices (an Endpoints object
 * reaches it through the mirroring controller, mirror-endpoints.ts) and pairs a Service port with the
 * slice port of the same name and protocol (proxy-endpoints.ts), so an unnamed endpoint port under a
 * named Service port, a UDP port under a TCP one, only not-ready addresses or only the other family
 * all end in a REJECT although the Endpoints line of `kubectl describe svc` is not empty.
 */
import type { Check, CheckContext, ServiceAnalysis } from '../check.js';
import type { EndpointPort, EndpointSlice, Endpoints, Service, ServicePort } from '../kubernetes-types.js';
import { servicePortProtocol } from '../find-port.js';
import { ipFamilyOf, type IpFamily } from '../predict/ip-address.js';
import { ANNOTATION_LEADER_ELECTION, mirrorSkipReason, predictMirroredSlices } from '../predict/mirror-endpoints.js';
import { proxyEndpointsForPort, sliceUsedByKubeProxy } from '../predict/proxy-endpoints.js';
import { isHeadless, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_PROXY_NAME, LABEL_SKIP_MIRROR, MIRRORING_CONTROLLER } from '../predict/service-facts.js';
import { serviceType } from '../selector.js';
import { formatRef, type Entry } from '../snapshot.js';
import { nameKey } from '../snapshot-index.js';
import { factsForMinor, minorNumber, type VersionFacts } from '../version/index.js';
import { describeServicePort, listSome, onService, serviceName } from './check-helpers.js';
import { endpointSliceValidationErrors, endpointsValidationErrors } from './endpoints-rules.js';

/** The slices kube-proxy would read for the Service, each with the object it comes from, and what kept others away. */
interface ProxyInput {
  slices: { slice: EndpointSlice; from: string }[];
  /** Why an object of the Service gives kube-proxy nothing at all (rejected, not mirrored, skipped). */
  excluded: string[];
}

const describeEndpointPort = (port: EndpointPort) => `${port.name ? port.name : '(unnamed)'} ${port.port ?? '(no number)'}/${port.protocol || 'TCP'}`;

/** Why the mirroring controller leaves this Endpoints alone, or null when it mirrors it. */
function notMirrored(service: Service, entry: Entry<Endpoints>): string | null {
  const name = formatRef(entry.ref);
  const skip = mirrorSkipReason(service, entry.object);
  if (skip === 'skip-mirror-label') return `${name} carries ${LABEL_SKIP_MIRROR}: "true", so no EndpointSlice mirrors it and kube-proxy, which reads only EndpointSlices, never sees it`;
  if (skip === 'leader-election-lock') return `${name} is a leader-election lock (annotation ${ANNOTATION_LEADER_ELECTION}), which is never mirrored into an EndpointSlice`;
  return null;
}

function mirrorInput(service: Service, entry: Entry<Endpoints>, facts: VersionFacts, validate: boolean, input: ProxyInput) {
  const name = formatRef(entry.ref);
  const errors = validate ? endpointsValidationErrors(entry.object, facts) : [];
  if (errors.length > 0) {
    input.excluded.push(`${name} would be rejected by the API server (${errors[0]})`);
    return;
  }
  const skipped = notMirrored(service, entry);
  if (skipped) {
    input.excluded.push(skipped);
    return;
  }
  const mirrored = predictMirroredSlices(service, entry.object).slices;
  if (mirrored.length === 0) input.excluded.push(`${name} lists no addresses`);
  for (const slice of mirrored) input.slices.push({ slice, from: name });
}

/**
 * What kube-proxy reads: on a cluster the EndpointSlices that exist (the mirrored ones among them), or
 * the mirroring controller's prediction when slices could not be read; from manifests the slices given
 * plus the prediction, each only if the API server would accept its object.
 */
function proxyInput(context: CheckContext, service: Service, endpoints: Entry<Endpoints> | undefined, slices: Entry<EndpointSlice>[], facts: VersionFacts): ProxyInput {
  const input: ProxyInput = { slices: [], excluded: [] };
  const manifests = context.snapshot.source === 'manifests';
  const slicesReadable = !context.snapshot.unavailable.includes('endpointslices');
  if (!manifests && slicesReadable) {
    for (const entry of slices) {
      // A mirrored slice is named after the Endpoints it copies: that is the object to fix.
      const mirrored = endpoints && entry.object.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER;
      input.slices.push({ slice: entry.object, from: mirrored ? `${formatRef(endpoints.ref)} (mirrored as EndpointSlice ${entry.ref.name})` : formatRef(entry.ref) });
    }
    if (slices.length === 0 && endpoints) input.excluded.push(notMirrored(service, endpoints) ?? `no EndpointSlice mirrors ${formatRef(endpoints.ref)} yet`);
    return input;
  }
  if (endpoints) mirrorInput(service, endpoints, facts, manifests, input);
  for (const entry of slices) {
    const errors = manifests ? endpointSliceValidationErrors(entry.object, facts) : [];
    if (errors.length > 0) input.excluded.push(`${formatRef(entry.ref)} would be rejected by the API server (${errors[0]})`);
    else input.slices.push({ slice: entry.object, from: formatRef(entry.ref) });
  }
  return input;
}

/** Why a slice of the Service is not read by kube-proxy at all, or null when it is. */
function unreadReason(service: Service, slice: EndpointSlice, minor: number): string | null {
  if (sliceUsedByKubeProxy(service, slice, minor)) return slice.addressType === 'FQDN' ? 'has addressType FQDN, which kube-proxy does not use' : null;
  const labels = slice.metadata.labels ?? {};
  if (LABEL_HEADLESS in labels) return `carries the label ${LABEL_HEADLESS}, which kube-proxy skips`;
  if (LABEL_SERVICE_PROXY_NAME in labels) return `carries the label ${LABEL_SERVICE_PROXY_NAME}, which kube-proxy of this version skips`;
  return null;
}

/**
 * What kube-proxy reads for one family group, indexed once per Service so that every Service port
 * costs a lookup (a hostile input may give a Service and a slice thousands of ports each).
 */
interface GroupView {
  /** Why nothing at all is read, when nothing is. */
  unread: string | null;
  sources: string;
  /** Slices in the families, with their ports by "name/protocol". */
  byKey: Map<string, { slice: EndpointSlice; ports: EndpointPort[] }[]>;
  /** The first endpoint port of each name, whatever its protocol. */
  byName: Map<string, EndpointPort>;
  portCount: number;
  listed: string;
  addresses: number;
  /** hasBackend's answers for ports found in exactly one slice, by slice. */
  usableBySlice: Map<EndpointSlice, boolean>;
}

const portKey = (name: string, protocol: string) => `${name}/${protocol}`;

function groupView(service: Service, families: IpFamily[], input: ProxyInput, minor: number): GroupView {
  const view: GroupView = { unread: null, sources: '', byKey: new Map(), byName: new Map(), portCount: 0, listed: '', addresses: 0, usableBySlice: new Map() };
  const causes: string[] = [...input.excluded];
  const read = input.slices.filter(({ slice, from }) => {
    const reason = unreadReason(service, slice, minor);
    if (reason) causes.push(`${from} ${reason}`);
    return !reason;
  });
  if (read.length === 0) {
    view.unread = listSome(causes, 3) || 'no EndpointSlice of it is read by kube-proxy';
    return view;
  }
  const inFamily = read.filter(({ slice }) => families.includes(slice.addressType as IpFamily));
  if (inFamily.length === 0) {
    const have = [...new Set(read.map(({ slice }) => slice.addressType))].join(' and ');
    view.unread = `its endpoints are ${have} only, and the Service is ${families.join('/')}`;
    return view;
  }
  view.sources = listSome([...new Set(inFamily.map(({ from }) => from))], 3);
  const described = new Set<string>();
  for (const { slice } of inFamily) {
    view.addresses += slice.endpoints?.length ?? 0;
    const own = new Map<string, EndpointPort[]>();
    for (const port of slice.ports ?? []) {
      const name = port.name ?? '';
      view.portCount += 1;
      if (!view.byName.has(name)) view.byName.set(name, port);
      described.add(describeEndpointPort(port));
      const key = portKey(name, port.protocol || 'TCP');
      const list = own.get(key);
      if (list) list.push(port);
      else own.set(key, [port]);
    }
    for (const [key, ports] of own) {
      const entries = view.byKey.get(key);
      if (entries) entries.push({ slice, ports });
      else view.byKey.set(key, [{ slice, ports }]);
    }
  }
  view.listed = listSome([...described], 4);
  return view;
}

/** Whether kube-proxy has an endpoint it may use for the port: ready, or serving while terminating. */
function hasBackend(service: Service, port: ServicePort, families: IpFamily[], view: GroupView, minor: number): boolean {
  const entries = view.byKey.get(portKey(port.name ?? '', servicePortProtocol(port)));
  if (!entries) return false;
  // One slice with one numbered entry for the port: the answer is the slice's, whatever the number, so
  // a Service of many ports over one slice asks kube-proxy's rules once, not once per port.
  const single = entries.length === 1 && entries[0].ports.length === 1 && entries[0].ports[0].port ? entries[0].slice : null;
  const known = single ? view.usableBySlice.get(single) : undefined;
  if (known !== undefined) return known;
  // Each slice cut down to the port's entries, so the look-up does not walk every port of the slice again.
  const slices = entries.map(({ slice, ports }) => ({ ...slice, ports }));
  const usable = families.some((family) =>
    proxyEndpointsForPort(service, slices, port, { family, kubernetesMinor: minor }).some((e) => e.ready || (e.serving && e.terminating)));
  if (single) view.usableBySlice.set(single, usable);
  return usable;
}

/** Why kube-proxy has no usable endpoint for this port in these families: one phrase naming the objects. */
function causeFor(port: ServicePort, view: GroupView): string {
  if (view.unread) return view.unread;
  const name = port.name ?? '';
  const protocol = servicePortProtocol(port);
  const { sources } = view;
  if (view.portCount === 0) return `${sources} lists no ports, so no Service port has a backend`;
  const matching = view.byKey.get(portKey(name, protocol));
  const sameName = view.byName.get(name);
  if (!matching && sameName) {
    return `${sources} carries port ${describeEndpointPort(sameName)}, but the Service port is ${protocol}: kube-proxy pairs ports by name and protocol, so give the endpoint port protocol ${protocol}`;
  }
  if (!matching) {
    const advice = name ? `name the endpoint port ${name}` : 'leave the endpoint port unnamed (the Service port has no name)';
    return `${sources} has ${view.portCount === 1 ? 'the port' : 'the ports'} ${view.listed}, and kube-proxy pairs a Service port only with the endpoint port of the same name and protocol: ${advice}`;
  }
  if (matching.every(({ ports }) => ports.every((p) => !p.port))) return `${sources} gives port ${name || '(unnamed)'} no port number`;
  if (view.addresses === 0) return `${sources} lists no addresses`;
  return `none of the ${view.addresses} addresses in ${sources} is ready (they are notReadyAddresses, or conditions.ready is false)`;
}

/** The families kube-proxy programs the Service in, or null when only the cluster decides (no ipFamilies, no clusterIP). */
function knownFamilies(service: Service): IpFamily[] | null {
  const families = (service.spec?.ipFamilies ?? []).filter((f): f is IpFamily => f === 'IPv4' || f === 'IPv6');
  if (families.length > 0) return [...new Set(families)];
  const family = ipFamilyOf(service.spec?.clusterIP);
  return family ? [family] : null;
}

function findingsFor(context: CheckContext, analysis: ServiceAnalysis, minor: number, facts: VersionFacts) {
  const service = analysis.entry.object;
  if (analysis.selector || serviceType(service) === 'ExternalName' || isHeadless(service)) return [];
  if (LABEL_SERVICE_PROXY_NAME in (service.metadata.labels ?? {})) return [];
  const key = nameKey(analysis.entry.ref.namespace, analysis.entry.ref.name);
  const endpoints = context.snapshot.unavailable.includes('endpoints') ? undefined : context.index.endpointsByName.get(key);
  const slices = context.index.slicesByService.get(key) ?? [];
  // Nothing written at all is service-without-selector's finding.
  if (!endpoints && slices.length === 0) return [];
  const input = proxyInput(context, service, endpoints, slices, facts);
  const known = knownFamilies(service);
  // Unknown families: a port is served if either family has a backend, and one finding covers both.
  const groups: IpFamily[][] = known ? known.map((family) => [family]) : [['IPv4', 'IPv6']];
  const views = groups.map((families) => groupView(service, families, input, minor));
  return (service.spec?.ports ?? []).flatMap((port) =>
    groups.flatMap((families, i) => {
      const view = views[i];
      if (hasBackend(service, port, families, view, minor)) return [];
      const portText = describeServicePort({ name: port.name, port: port.port, protocol: servicePortProtocol(port) });
      const family = known && known.length > 1 ? ` (${families[0]})` : '';
      return [
        onService(
          analysis,
          `${serviceName(analysis)} has no selector, and kube-proxy has no backend for ${portText}${family} from its hand-written endpoints, so connections to it are refused: ${causeFor(port, view)}.`,
        ),
      ];
    }),
  );
}

export const manualEndpointsNoBackend: Check = {
  id: 'manual-endpoints-no-backend',
  severity: 'error',
  title: 'Hand-written endpoints give a Service port no backend',
  modes: ['manifests', 'cluster'],
  help:
    'A Service without a selector gets its backends from an Endpoints object of its name (mirrored into ' +
    'EndpointSlices by the control plane) or from EndpointSlices labelled kubernetes.io/service-name. kube-proxy reads ' +
    'only the slices, and sends a Service port to the endpoint port of the same name and protocol (an unnamed Service ' +
    'port to an unnamed endpoint port), ignoring targetPort. The finding names why a port has no backend, so ' +
    'connections to it are refused: the endpoint port is named differently or not at all, has another protocol, ' +
    'every address is not ready, the addresses are of the other IP family, the Endpoints is labelled ' +
    'endpointslice.kubernetes.io/skip-mirror, or the object would be rejected by the API server (invalid-endpoints ' +
    'says why). Name the endpoint port as the Service port (kubectl get endpointslices -l ' +
    'kubernetes.io/service-name=NAME shows what kube-proxy reads). Headless Services are not proxied and not checked.',
  run(context) {
    if (context.snapshot.unavailable.includes('endpoints') && context.snapshot.unavailable.includes('endpointslices')) return [];
    const minor = minorNumber(context.snapshot.kubernetesVersion);
    const facts = factsForMinor(minor);
    return context.services.flatMap((analysis) => findingsFor(context, analysis, minor, facts));
  },
};
