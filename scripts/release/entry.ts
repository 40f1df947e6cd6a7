// Entry point of the bundled build (release/ and the standalone executables): the same as
// bin/kubectl-svc_explain, without top-level await, so that it also runs as CommonJS inside a
// single-executable application.
import { runCompletion } from '../../src/cli/completion-run.js';
import { isBeingWritten, main, tuneJitForOneRun } from '../../src/cli/main.js';

// A reader that stops early (`| head`) is not an error; while main() writes the report, it reports
// such an error itself, with the run's exit code.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (isBeingWritten(process.stdout)) return;
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

tuneJitForOneRun();
const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
const args = process.argv.slice(2);
// The archives' kubectl_complete-svc_explain runs `kubectl-svc_explain __complete WORDS`.
const run = args[0] === '__complete' ? runCompletion(args.slice(1), io) : main(args, io);
void run.then((code) => {
  process.exitCode = code;
});
