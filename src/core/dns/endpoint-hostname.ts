/**
 * The label under which a headless Service's endpoint gets its own name: the EndpointSlice endpoint's
 * hostname, else one CoreDNS derives from the address (plugin/kubernetes/kubernetes.go endpointHostname,
 * read at v1.15.0, with the default `endpoint_pod_names` off).
 */

/** endpointHostname: hostname, else the IPv4 address with dashes, else the IPv6 address with dashes ("-0" after a trailing "::"). */
export function endpointHostname(address: string, hostname: string | undefined): string {
  if (hostname) return hostname;
  if (address.includes('.')) return address.replaceAll('.', '-');
  if (address.includes(':')) {
    const dashed = address.replaceAll(':', '-');
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
}
