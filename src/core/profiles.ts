/**
 * Severity profiles: the default grades what breaks traffic; `strict` also raises the policy-like
 * checks to warnings, for teams that want kube-score's strictness (a readiness probe on every served Pod).
 */
import type { Severity } from './report.js';
import { SEVERITIES } from './report.js';

/** The values of --profile. */
export const PROFILE_NAMES = ['default', 'strict'] as const;
/** A severity profile's name. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** For each profile, the least severity a check's findings get (more serious ones stay as they are). */
export const PROFILES: Record<ProfileName, Readonly<Record<string, Severity>>> = {
  default: {},
  strict: {
    'service-pods-without-readiness-probe': 'warning',
    'readiness-probe-same-as-liveness': 'warning',
    'single-endpoint': 'warning',
    'target-port-not-declared': 'warning',
  },
};

/** The severity a finding gets under a profile: raised to the profile's floor for its check, never lowered. */
export function severityUnderProfile(profile: ProfileName | undefined, check: string, severity: Severity): Severity {
  const floor = profile ? PROFILES[profile][check] : undefined;
  if (!floor) return severity;
  return SEVERITIES.indexOf(floor) < SEVERITIES.indexOf(severity) ? floor : severity;
}

/**
 * Checks that run only under some profiles: facts too common in healthy manifests to show by default
 * (a single-port Service that leaves its port unnamed loses only the _name._proto SRV record).
 */
export const PROFILE_ONLY_CHECKS: Readonly<Record<string, readonly ProfileName[]>> = {
  'service-port-without-srv-name': ['strict'],
};

/** Whether a check runs under a profile: every check does, but those PROFILE_ONLY_CHECKS keeps for their profiles. */
export function runsUnderProfile(profile: ProfileName | undefined, check: string): boolean {
  const only = PROFILE_ONLY_CHECKS[check];
  return !only || only.includes(profile ?? 'default');
}
