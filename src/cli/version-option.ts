import { Option } from 'commander';
import { minorText, NEWEST_MINOR, parseMinor, SUPPORTED_MINORS, type KubernetesVersion } from '../core/version/index.js';
import { UsageError } from '../errors.js';

/** lint's --kubernetes-version: the minor whose validation and deprecations apply offline. */
export function kubernetesVersionOption(): Option {
  const known = SUPPORTED_MINORS.map(minorText).join(', ');
  return new Option('--kubernetes-version <1.N>', `Kubernetes minor to validate for and report deprecations of (${known}; default: ${minorText(NEWEST_MINOR)}, the newest supported)`);
}

/** The validated --kubernetes-version, or the newest supported minor when it is not given. */
export function parseKubernetesVersion(value: string | undefined): KubernetesVersion {
  if (value === undefined) return { minor: minorText(NEWEST_MINOR), source: 'default', server: null };
  const minor = parseMinor(value);
  if (minor === null || !SUPPORTED_MINORS.includes(minor)) {
    throw new UsageError(`--kubernetes-version "${value}" is not a supported minor (supported: ${SUPPORTED_MINORS.map(minorText).join(', ')})`);
  }
  return { minor: minorText(minor), source: 'flag', server: null };
}
