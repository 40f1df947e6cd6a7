/**
 * Gateway API hostname matching: a listener's hostname and a route's hostnames must intersect for the
 * route to attach (HTTPRoute, GRPCRoute, TLSRoute). A leading "*." label is a suffix match:
 * "*.example.com" matches "a.example.com" and "a.b.example.com", never "example.com".
 */

function matchesWildcard(wildcard: string, hostname: string): boolean {
  const suffix = wildcard.slice(1);
  return hostname.length > suffix.length && hostname.toLowerCase().endsWith(suffix.toLowerCase());
}

/** True when two hostnames (either may be a wildcard) have a hostname in common. */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const aWild = a.startsWith('*.');
  const bWild = b.startsWith('*.');
  if (aWild && bWild) return matchesWildcard(a, b) || matchesWildcard(b, a);
  if (aWild) return matchesWildcard(a, b);
  if (bWild) return matchesWildcard(b, a);
  return false;
}

/** True when a listener (optional hostname) accepts a route with these hostnames (none: every hostname). */
export function listenerAcceptsHostnames(listenerHostname: string | null | undefined, routeHostnames: readonly string[]): boolean {
  if (!listenerHostname || routeHostnames.length === 0) return true;
  return routeHostnames.some((hostname) => hostnamesIntersect(listenerHostname, hostname));
}
