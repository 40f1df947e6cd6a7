import type { Command } from 'commander';
import { distance } from 'fastest-levenshtein';
import { UsageError } from '../errors.js';

/** The nearest command name within a typo's reach (1 edit for short names, 2 otherwise), if any. */
export function nearestCommand(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = distance(word.toLowerCase(), name);
    const reach = name.length <= 4 ? 1 : 2;
    if (edits > 0 && edits <= reach && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}

/** The visible subcommand names of the program (and `help`). */
export function commandNames(program: Command): string[] {
  const hidden = new Set(['service']);
  return [...program.commands.flatMap((command) => [command.name(), ...command.aliases()]).filter((name) => !hidden.has(name)), 'help'];
}

/**
 * `kubectl svc-explain lnt` would explain a Service named "lnt": a first word one typo away from a
 * command is taken as that mistake instead (exit 2); `explain NAME` reaches such a Service.
 */
export function rejectMistypedCommand(args: readonly string[], program: Command): void {
  const [first] = args;
  if (first === undefined || first.startsWith('-')) return;
  const names = commandNames(program);
  if (names.includes(first)) return;
  const nearest = nearestCommand(first, names);
  if (nearest) throw new UsageError(`unknown command "${first}"; did you mean ${nearest}? (for a Service named ${first}: explain ${first})`);
}

/** The message for a first word that is neither a command nor a lone SERVICE (more arguments followed). */
export function unknownCommandMessage(word: string, program: Command): string {
  const names = commandNames(program);
  const nearest = nearestCommand(word, names);
  return nearest
    ? `unknown command "${word}"; did you mean ${nearest}?`
    : `unknown command "${word}" (commands: ${names.join(', ')}; to explain a Service: explain SERVICE)`;
}

/** Commander's "unknown option '--x' (Did you mean --y?)" in kubectl's words. */
export function unknownFlagMessage(commanderMessage: string): string | null {
  const match = /unknown option '([^']+)'(?:\s*\(Did you mean ([^)?]+)\?\))?/.exec(commanderMessage);
  if (!match) return null;
  return match[2] ? `unknown flag "${match[1]}"; did you mean ${match[2]}?` : `unknown flag "${match[1]}"`;
}
