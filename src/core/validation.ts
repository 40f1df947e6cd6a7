/**
 * The name rules the API server enforces (apimachinery's validation package), so that invalid-service
 * reports what `kubectl apply` would reject before it reaches a cluster.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A port name as Services and containers require it: a DNS-1123 label of at most 63 characters. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** A DNS-1123 subdomain, as label key prefixes and ExternalName targets require. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A Service name: a DNS-1035 label (starts with a letter). */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/** A named targetPort: an IANA service name (≤15 chars, at least one letter, no "--"). */
export function isValidPortName(value: string): boolean {
  return value.length <= 15 && IANA_SVC_NAME.test(value) && !value.includes('--') && /[a-z]/.test(value);
}

/** A label key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  // No split: the analysis asks this for every selector key of every Service.
  const slash = value.indexOf('/');
  if (slash !== -1 && value.indexOf('/', slash + 1) !== -1) return false;
  if (slash !== -1 && (slash === 0 || !isDns1123Subdomain(value.slice(0, slash)))) return false;
  const name = slash === -1 ? value : value.slice(slash + 1);
  return name.length > 0 && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A label value: empty, or at most 63 alphanumerics with - _ . inside. */
export function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}

/** A TCP/UDP/SCTP port number. */
export function isValidPortNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * Each rule a port name breaks, in the words and order of apimachinery's IsValidPortName (an IANA
 * service name), so a message can say exactly why the API server rejects it; empty when valid.
 */
export function portNameProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(value)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) problems.push('must contain at least one letter (a-z)');
  if (value.includes('--')) problems.push('must not contain consecutive hyphens (-)');
  if (value.startsWith('-') || value.endsWith('-')) problems.push('must not begin or end with a hyphen (-)');
  return problems;
}
