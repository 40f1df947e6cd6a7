import type { CheckMeta } from '../core/check.js';
import type { Report } from '../core/report.js';
import { renderFindingLines } from '../render/finding-lines.js';
import { renderJson } from '../render/json.js';
import { renderJunit } from '../render/junit.js';
import { renderNames, renderYaml } from '../render/machine-formats.js';
import { sortServices } from '../render/order.js';
import { renderSarif } from '../render/sarif.js';
import { renderTable } from '../render/table.js';
import { exitCodeFor } from './exit-code.js';
import type { PackageInfo } from './package-info.js';
import type { ReportOptions } from './report-options.js';

/** What a command hands back to main(): the whole output, written at once, and the exit code. */
export interface CommandOutcome {
  stdout: string;
  exitCode: number;
  /** Error lines written after stdout (lint: files that could not be read; version: the server could not be asked). */
  stderr?: string;
}

/** What the renderers need beyond the flags. */
export interface PrintContext {
  checks: readonly CheckMeta[];
  packageInfo: PackageInfo;
  cwd: string;
}

/** Renders a Report in the chosen format and derives the exit code from --fail-on. */
export function printReport(report: Report, options: ReportOptions, context: PrintContext): CommandOutcome {
  return { stdout: render(report, options, context), exitCode: exitCodeFor(report, options.failOn) };
}

function render(report: Report, options: ReportOptions, context: PrintContext): string {
  switch (options.output) {
    case 'table':
    case 'wide':
      if (options.quiet) return renderFindingLines(report, { color: options.color, failOn: options.failOn });
      return renderTable(report, { color: options.color, wide: options.output === 'wide', width: options.width });
    case 'json':
      return renderJson(report);
    case 'yaml':
      return renderYaml(JSON.parse(renderJson(report)));
    case 'name':
      return renderNames('service', sortServices(report.services).map((service) => service.name));
    case 'sarif':
      return renderSarif(report, {
        checks: context.checks,
        version: context.packageInfo.version,
        cwd: context.cwd,
        informationUri: context.packageInfo.homepage,
      });
    case 'junit':
      return renderJunit(report, { failOn: options.failOn });
  }
}
