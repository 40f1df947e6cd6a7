import type { Report } from '../core/report.js';
import { createPalette } from './colors.js';
import { failsRun, type FailOn } from './fail-on.js';
import { sortFindings } from './order.js';
import { forTerminal } from './terminal-safe.js';
import { formatLocation } from './wording.js';

/** Colour switch and the threshold that decides which findings fail the run. */
export interface FindingLinesOptions {
  color: boolean;
  failOn: FailOn;
}

/**
 * `--quiet`: only the findings that fail the run, one compiler-style line each
 * (`file:line: severity: message [check]`), and nothing at all when the run passes.
 */
export const renderFindingLines = forTerminal(function findingLinesText(report: Report, options: FindingLinesOptions): string {
  const palette = createPalette(options.color);
  const lines = sortFindings(report.findings)
    .filter((finding) => failsRun(finding, options.failOn))
    .map((finding) => {
      const location = finding.location ? `${formatLocation(finding.location)}: ` : '';
      const severity = palette.severity(finding.severity, finding.severity);
      return `${location}${severity}: ${finding.message} [${finding.check}]`;
    });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
});
