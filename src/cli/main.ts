import { CommanderError } from 'commander';
import { ExitCode, SvcExplainError } from '../errors.js';
import { escapeForTerminal } from '../render/terminal-safe.js';
import { outputFailure, type CliIo } from './io.js';
import { normalizeKubectlArgs } from './kubectl-args.js';
import { readPackageInfo } from './package-info.js';
import type { CommandOutcome } from './print-report.js';
import { createProgram } from './program.js';

export type { CliIo } from './io.js';
export { outputFailure } from './io.js';

/**
 * Runs one invocation and returns its exit code. Output is written once, at the end, so a failing
 * run never leaves half a report behind; every error is mapped to an exit code here and nowhere else.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const help = { stdout: '', stderr: '' };
  try {
    let outcome: CommandOutcome | undefined;
    const program = createProgram({
      io,
      packageInfo: readPackageInfo(),
      finish: (result) => {
        outcome = result;
      },
      helpOutput: { writeOut: (text) => (help.stdout += text), writeErr: (text) => (help.stderr += text) },
    });
    await program.parseAsync(normalizeKubectlArgs(argv), { from: 'user' });
    if (outcome === undefined) throw new Error('the command finished without a result');
    if (outcome.stdout) {
      try {
        io.stdout.write(outcome.stdout);
      } catch (error) {
        // Most streams report a failed write as an 'error' event (the bin script handles it); some throw.
        return outputFailure(error as NodeJS.ErrnoException, io.stderr, outcome.exitCode);
      }
    }
    // One line per bad file; escaped line by line (a newline inside a file name is not yet told apart).
    if (outcome.stderr) io.stderr.write(outcome.stderr.split('\n').map(escapeForTerminal).join('\n'));
    return outcome.exitCode;
  } catch (error) {
    return reportError(error, io, help);
  }
}

function reportError(error: unknown, io: CliIo, help: { stdout: string; stderr: string }): number {
  if (error instanceof CommanderError) {
    // Asked-for help and --version exit 0 with text on stdout; usage shown for a missing command goes to stderr.
    const isHelp = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    if (isHelp && error.exitCode === 0) {
      io.stdout.write(help.stdout);
      return ExitCode.ok;
    }
    if (isHelp) {
      io.stderr.write(help.stderr);
      return ExitCode.usage;
    }
    io.stderr.write(`svc-explain: ${oneLine(error.message.replace(/^error: /, ''))} (see --help)\n`);
    return ExitCode.usage;
  }
  if (error instanceof SvcExplainError) {
    io.stderr.write(`svc-explain: ${escapeForTerminal(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = io.env.SVC_EXPLAIN_DEBUG === '1' && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  io.stderr.write(`svc-explain: internal error: ${oneLine(message)}\n${stack}`);
  return ExitCode.internal;
}

/** Commander's wrapped lines joined, then input (an argument, a file name) escaped like everything printed. */
function oneLine(text: string): string {
  return escapeForTerminal(text.replace(/\s*\n\s*/g, ' ').trim());
}
