import type { Finding } from '../core/report.js';
import type { Palette } from './colors.js';
import { wrapHanging } from './wrap.js';

const FINDING_INDENT = '  '.length + 'warning'.length + 2;

/** `  severity  check: message` (check and explain), wrapped to the width with later lines under the check id. */
export function findingLine(finding: Finding, palette: Palette, width: number): string {
  return wrapHanging(`  ${palette.severity(finding.severity, finding.severity.padEnd(7))}  `, `${finding.check}: ${finding.message}`, FINDING_INDENT, width);
}
