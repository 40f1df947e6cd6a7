/** Boolean flags kubectl (pflag) also accepts as `--flag=true` and `--flag=false`. */
const BOOLEAN_FLAGS = ['--insecure-skip-tls-verify', '--all-namespaces', '--show-rules', '--quiet'];

/**
 * kubectl (pflag) accepts `-o=json` and `-n=prod`; commander would read the value as "=json".
 * Splits such short flags into `-o json`, and turns `--bool-flag=true|false` into the flag or
 * nothing, leaving everything after `--` alone.
 */
export function normalizeKubectlArgs(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  return [...flags.flatMap(normalizeFlag), ...rest];
}

function normalizeFlag(arg: string): string[] {
  if (/^-[A-Za-z]=/.test(arg)) return [arg.slice(0, 2), arg.slice(3)];
  const match = /^(--[a-z-]+)=(true|false)$/.exec(arg);
  if (match && BOOLEAN_FLAGS.includes(match[1])) return match[2] === 'true' ? [match[1]] : [];
  return [arg];
}
