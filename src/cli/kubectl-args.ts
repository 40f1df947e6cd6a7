/**
 * kubectl (pflag) accepts `-o=json` and `-n=prod`; commander would read the value as "=json".
 * Splits such short flags into `-o json`, leaving everything after `--` alone.
 */
export function normalizeKubectlArgs(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const flags = end === -1 ? argv : argv.slice(0, end);
  const rest = end === -1 ? [] : argv.slice(end);
  return [...flags.flatMap((arg) => (/^-[A-Za-z]=/.test(arg) ? [arg.slice(0, 2), arg.slice(3)] : [arg])), ...rest];
}
