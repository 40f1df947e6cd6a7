import { ExitCode } from '../errors.js';
import type { Report } from '../core/report.js';
import { failsRun, type FailOn } from '../render/fail-on.js';

/** 1 when any unsuppressed finding is at or above --fail-on, else 0: what CI gates on. */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  return report.findings.some((finding) => failsRun(finding, failOn)) ? ExitCode.findings : ExitCode.ok;
}
