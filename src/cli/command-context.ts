import type { CliIo } from './io.js';
import type { PackageInfo } from './package-info.js';
import type { CommandOutcome } from './print-report.js';

/** What every subcommand gets from main(): where to read, who we are, and where to hand its result. */
export interface CommandContext {
  io: CliIo;
  packageInfo: PackageInfo;
  /** Commands hand their whole output here instead of writing, so main() writes once and only on success. */
  finish(outcome: CommandOutcome): void;
  /** Where commander's own help and version text goes, for main() to write when parsing ends. */
  helpOutput: { writeOut(text: string): void; writeErr(text: string): void };
}
