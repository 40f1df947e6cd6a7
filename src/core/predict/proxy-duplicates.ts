/**
 * Which copy kube-proxy keeps when several EndpointSlices carry the same IP:port (pkg/proxy/endpointslicecache.go
 * addEndpoints, read at v1.33.13, v1.35.0, v1.36.3, v1.37.2). kube-proxy reads a Service's slices from a Go
 * map, in no fixed order, so where the rule leaves the choice to the read order the outcome is not determined.
 */
import type { VersionFacts } from '../version/index.js';
import type { ProxyEndpoint } from './proxy-endpoints.js';

/** Whether a copy read after `earlier` replaces it (1.36+: when not terminating; up to 1.35: when on kube-proxy's node). */
export function laterCopyReplaces(copy: ProxyEndpoint, facts: Pick<VersionFacts, 'proxyDuplicatePrefersNonTerminating'>): boolean {
  return facts.proxyDuplicatePrefersNonTerminating ? !copy.terminating : copy.isLocal;
}

/** The facts of a copy that change what kube-proxy does with it (not the slice it came from). */
function effect(e: ProxyEndpoint): string {
  return JSON.stringify([e.ready, e.serving, e.terminating, e.isLocal, e.nodeName ?? '', e.zone ?? '', e.zoneHints, e.nodeHints]);
}

/**
 * Whether the kept copy of one IP:port depends on the order kube-proxy reads the slices in: some read order
 * keeps a copy that differs from another order's. `copies` are in read order (slice by slice, as given).
 */
export function keptCopyDependsOnReadOrder(
  copies: readonly ProxyEndpoint[],
  facts: Pick<VersionFacts, 'proxyDuplicatePrefersNonTerminating'>,
): boolean {
  const bySlice = new Map<string, ProxyEndpoint[]>();
  for (const c of copies) bySlice.set(c.slice, [...(bySlice.get(c.slice) ?? []), c]);
  if (bySlice.size < 2) return false;
  // Within one slice the order is fixed; each slice offers the copy it would leave in effect if read last
  // (a replacing copy: the last of its own) or, when no slice has a replacing copy, if read first.
  const anyReplacing = copies.some((c) => laterCopyReplaces(c, facts));
  const offered = [...bySlice.values()].flatMap((own) => {
    if (!anyReplacing) return [own[0]];
    const replacing = own.filter((c) => laterCopyReplaces(c, facts));
    return replacing.length > 0 ? [replacing[replacing.length - 1]] : [];
  });
  return new Set(offered.map(effect)).size > 1;
}
