/**
 * Which Kubernetes minor svc-explain predicts for: the server's (cluster commands read /version), the
 * one `lint --kubernetes-version` names, or the newest supported. Behaviour that differs between
 * minors is looked up in version-facts.ts by minor number.
 */

/** Minors whose behaviour svc-explain knows (read in each release's source), newest first. */
export const SUPPORTED_MINORS: readonly number[] = [37, 36, 35, 34, 33];

/** Minors the integration suite runs on a real control plane (scripts/cluster/versions.sh). */
export const TESTED_MINORS: readonly number[] = [37, 36, 33];

/** The newest supported minor: lint's default and the fallback for newer servers. */
export const NEWEST_MINOR = SUPPORTED_MINORS[0];
const OLDEST_MINOR = SUPPORTED_MINORS[SUPPORTED_MINORS.length - 1];

/** The minor predictions follow, where it came from, and the server's own version string when known. */
export interface KubernetesVersion {
  /** "1.37": the supported minor whose behaviour is predicted. */
  minor: string;
  source: 'server' | 'flag' | 'default';
  /** The server's gitVersion ("v1.37.2"), for cluster commands; null otherwise. */
  server: string | null;
}

/** The minor number of "1.33", "v1.33", "1.33.13" or "v1.33.13-gke.1"; null when it is none of these. */
export function parseMinor(text: string): number | null {
  const match = /^v?1\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return match ? Number(match[1]) : null;
}

/** "1.N" of a minor number. */
export function minorText(minor: number): string {
  return `1.${minor}`;
}

/** The minor number a KubernetesVersion predicts for. */
export function minorNumber(version: KubernetesVersion | undefined): number {
  return (version && parseMinor(version.minor)) ?? NEWEST_MINOR;
}

/** The version used when nothing says otherwise: the newest supported minor. */
export function defaultVersion(): KubernetesVersion {
  return { minor: minorText(NEWEST_MINOR), source: 'default', server: null };
}

/**
 * The version for a server's /version answer (major "1", minor "33+" on some distributions). A server
 * outside the supported range is predicted as the nearest supported minor, with a note saying so.
 */
export function versionForServer(gitVersion: string, minorField?: string): { version: KubernetesVersion; note: string | null } {
  const minor = parseMinor(gitVersion) ?? (minorField ? Number.parseInt(minorField, 10) : Number.NaN);
  if (!Number.isInteger(minor)) {
    return { version: { ...defaultVersion(), server: gitVersion || null }, note: `server version "${gitVersion}" not understood: predicting as Kubernetes ${minorText(NEWEST_MINOR)}` };
  }
  const clamped = Math.min(NEWEST_MINOR, Math.max(OLDEST_MINOR, minor));
  const version: KubernetesVersion = { minor: minorText(clamped), source: 'server', server: gitVersion };
  if (clamped === minor) return { version, note: null };
  const which = minor > NEWEST_MINOR ? 'newest' : 'oldest';
  return { version, note: `server runs Kubernetes ${minorText(minor)} (${gitVersion}); svc-explain knows ${minorText(OLDEST_MINOR)}-${minorText(NEWEST_MINOR)} and predicts as ${minorText(clamped)}, the ${which} it knows` };
}
