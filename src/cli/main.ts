import { CommanderError } from 'commander';
import { ExitCode, SvcExplainError, UsageError } from '../errors.js';
import { escapeForTerminal } from '../render/terminal-safe.js';
import { outputFailure, writeOutput, type CliIo } from './io.js';
import { normalizeKubectlArgs } from './kubectl-args.js';
import { readPackageInfo } from './package-info.js';
import type { CommandOutcome } from './print-report.js';
import { createProgram } from './program.js';
import { rejectMistypedCommand, unknownCommandMessage, unknownFlagMessage } from './unknown-command.js';

export type { CliIo } from './io.js';
export { isBeingWritten, outputFailure } from './io.js';
export { tuneJitForOneRun } from './jit-budget.js';

/**
 * Runs one invocation and returns its exit code. Output is written at the end, from a finished report
 * (a large one printed piece by piece as it is written), so a failing run never leaves half a report
 * behind; every error is mapped to an exit code here and nowhere else.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const help = { stdout: '', stderr: '' };
  const args = normalizeKubectlArgs(argv);
  let program: ReturnType<typeof createProgram> | undefined;
  try {
    let outcome: CommandOutcome | undefined;
    program = createProgram({
      io,
      packageInfo: readPackageInfo(),
      finish: (result) => {
        outcome = result;
      },
      helpOutput: { writeOut: (text) => (help.stdout += text), writeErr: (text) => (help.stderr += text) },
    });
    rejectMistypedCommand(args, program);
    await program.parseAsync(args, { from: 'user' });
    if (outcome === undefined) throw new Error('the command finished without a result');
    if (outcome.stdout) {
      try {
        await writeOutput(io.stdout, typeof outcome.stdout === 'string' ? outcome.stdout : outcome.stdout.parts());
      } catch (error) {
        // writeOutput throws what the stream reports while it writes (an 'error' event, or a write that throws).
        return outputFailure(error as NodeJS.ErrnoException, io.stderr, outcome.exitCode);
      }
    }
    // One line per bad file, each already escaped by the command (a newline in a file name stays in its line).
    if (outcome.stderr) io.stderr.write(outcome.stderr);
    return outcome.exitCode;
  } catch (error) {
    return reportError(rephrase(error, args, program), io, help);
  }
}

/** Commander's unknown-option and too-many-arguments errors in kubectl's words, with a did-you-mean. */
function rephrase(error: unknown, args: string[], program: ReturnType<typeof createProgram> | undefined): unknown {
  if (!(error instanceof CommanderError) || !program) return error;
  if (error.code === 'commander.unknownOption') {
    const message = unknownFlagMessage(error.message);
    if (message) return new UsageError(message);
  }
  if (error.code === 'commander.excessArguments' && error.message.includes("'service'") && args[0] && !args[0].startsWith('-')) {
    return new UsageError(unknownCommandMessage(args[0], program));
  }
  return error;
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
