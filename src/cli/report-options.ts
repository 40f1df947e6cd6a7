import { Option, type Command } from 'commander';
import type { CheckMeta } from '../core/check.js';
import { UsageError } from '../errors.js';
import { FAIL_ON_VALUES, type FailOn } from '../render/fail-on.js';
import { DEFAULT_WIDTH } from '../render/wrap.js';
import { COLOR_MODES, resolveColor, type ColorMode } from './color.js';
import type { CliIo } from './io.js';
import { PROFILE_NAMES, type ProfileName } from '../core/profiles.js';

/** The flags every command that prints a Report shares, so lint, explain and the rest read alike. */

/** The values of -o, in the order --help lists them. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'name', 'sarif', 'junit'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
const HUMAN_FORMATS: readonly OutputFormat[] = ['table', 'wide'];

/** The report flags after validation. */
export interface ReportOptions {
  output: OutputFormat;
  failOn: FailOn;
  ignore: string[];
  color: boolean;
  quiet: boolean;
  profile: ProfileName;
  /** Columns the table output wraps to. */
  width: number;
}

/** The report flags as commander hands them over. */
export interface RawReportOptions {
  output: OutputFormat;
  failOn: FailOn;
  ignore?: string[];
  color: ColorMode | false;
  quiet?: boolean;
  profile?: ProfileName;
  width?: string;
}

/** Declares -o, --fail-on, --ignore, --color/--no-color and -q on a command. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-o, --output <format>', 'output format (yaml = the json document; name = service/NAME lines)').choices(OUTPUT_FORMATS).default('table'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at least this severe').choices(FAIL_ON_VALUES).default('error'),
    )
    .addOption(
      new Option('--ignore <CHECK[,CHECK]>', 'suppress findings of these checks (repeatable); -o wide/json/sarif still list them as suppressed').argParser(
        collectList,
      ),
    )
    .addOption(new Option('--color <when>', 'colour human output; auto = only on a terminal, and not with NO_COLOR set').choices(COLOR_MODES).default('auto'))
    .option('--no-color', 'same as --color never')
    .addOption(
      new Option('--profile <name>', 'severity profile: strict raises the policy-like checks (readiness probes, single endpoint, undeclared ports) to warnings')
        .choices(PROFILE_NAMES)
        .default('default'),
    )
    .option('-q, --quiet', 'print only the findings that fail the run, one line each, and nothing when it passes (table output only)')
    .option('--width <N>', "wrap -o table to N columns (default: the terminal's width; 80 when not a terminal); -o wide, -q and the machine formats never wrap");
}

/** Validates the report flags: --ignore must name known checks, --quiet only shortens human output. */
export function parseReportOptions(raw: RawReportOptions, checks: readonly CheckMeta[], io: CliIo): ReportOptions {
  const known = new Set(checks.map((check) => check.id));
  const ignore = [...new Set(raw.ignore ?? [])];
  const unknown = ignore.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const list = [...known].sort().join(', ');
    throw new UsageError(`unknown check ${unknown.map((id) => `"${id}"`).join(', ')} in --ignore (known checks: ${list})`);
  }
  const quiet = raw.quiet ?? false;
  if (quiet && !HUMAN_FORMATS.includes(raw.output)) {
    throw new UsageError(`--quiet applies to table output only, not to -o ${raw.output}`);
  }
  return {
    output: raw.output,
    failOn: raw.failOn,
    ignore,
    color: resolveColor(raw.color, io.env, io.stdout.isTTY),
    quiet,
    profile: raw.profile ?? 'default',
    width: outputWidth(raw.width, io),
  };
}

/** --width, else the terminal's columns, else 80 (a pipe, a file, CI). */
export function outputWidth(flag: string | undefined, io: CliIo): number {
  if (flag !== undefined) {
    if (!/^\d+$/.test(flag) || Number(flag) < 1) throw new UsageError(`--width needs a number of columns, not "${flag}"`);
    return Number(flag);
  }
  return io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : DEFAULT_WIDTH;
}

/** `--ignore a,b --ignore c` → ['a', 'b', 'c']. */
function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}
