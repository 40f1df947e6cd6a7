import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../core/report.js';

/** The colours of the human output, from an explicit on/off switch rather than chalk's global detection. */
export interface Palette {
  chalk: ChalkInstance;
  severity(severity: Severity, text: string): string;
}

/** A palette that colours (16 basic colours, so output is the same on every terminal) or leaves text plain. */
export function createPalette(color: boolean): Palette {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const bySeverity: Record<Severity, ChalkInstance> = { error: chalk.red, warning: chalk.yellow, info: chalk.cyan };
  return { chalk, severity: (severity, text) => bySeverity[severity](text) };
}
