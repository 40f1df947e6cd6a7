import type { Finding, Severity } from '../core/report.js';
import { SEVERITIES } from '../core/report.js';

/** The --fail-on threshold: a severity, or 'none' to never fail on findings. */
export type FailOn = Severity | 'none';

/** The accepted --fail-on values, most serious first. */
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** Whether a finding fails the run: not suppressed, and at least as serious as the threshold. */
export function failsRun(finding: Finding, failOn: FailOn): boolean {
  if (failOn === 'none' || finding.suppressed) return false;
  return SEVERITIES.indexOf(finding.severity) <= SEVERITIES.indexOf(failOn);
}
