/**
 * The parts of Service validation that changed between Kubernetes minors, so invalid-service rejects
 * exactly what the API server of the chosen minor rejects (pkg/apis/core/validation/validation.go:
 * ValidateServiceCreate and validateServiceTrafficDistribution, read at every supported minor).
 */
import type { Service } from '../kubernetes-types.js';
import { isDns1035Label, isDns1123Label } from '../validation.js';
import { minorText, type VersionFacts } from '../version/index.js';

const TRAFFIC_DISTRIBUTIONS_BEFORE_1_34 = ['PreferClose'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'];

/** metadata.name: a DNS-1035 label up to 1.35, a DNS-1123 label (may start with a digit) from 1.36. */
export function serviceNameError(name: string, facts: VersionFacts, minor: number): string | null {
  if (facts.serviceNameMayStartWithDigit) {
    return isDns1123Label(name) ? null : `metadata.name "${name}" is not a DNS-1123 label (at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)`;
  }
  if (isDns1035Label(name)) return null;
  const digit = /^[0-9]/.test(name) && isDns1123Label(name);
  const why = digit ? `; names may start with a digit only from Kubernetes 1.36, this is ${minorText(minor)}` : '';
  return `metadata.name "${name}" is not a DNS-1035 label (lowercase letters, digits and "-", starting with a letter)${why}`;
}

/** spec.trafficDistribution: PreferClose only before 1.34; PreferSameZone and PreferSameNode too from 1.34. */
export function trafficDistributionError(service: Service, facts: VersionFacts, minor: number): string | null {
  const value = service.spec?.trafficDistribution;
  if (value === undefined || value === null) return null;
  const allowed = facts.preferSameTrafficDistribution ? TRAFFIC_DISTRIBUTIONS : TRAFFIC_DISTRIBUTIONS_BEFORE_1_34;
  if (allowed.includes(value)) return null;
  const later = TRAFFIC_DISTRIBUTIONS.includes(value) ? ` (${value} is accepted from Kubernetes 1.34, this is ${minorText(minor)})` : '';
  return `spec.trafficDistribution "${value}" is not one of ${allowed.join(', ')}${later}`;
}
