import { parseExplainTarget, type ExplainTarget } from './explain-target.js';
import type { Command, Option } from 'commander';

/** cobra's ShellCompDirective bits, which kubectl's plugin completion passes on to the shell. */
export const Directive = { default: 0, error: 1, noSpace: 2, noFileComp: 4 } as const;

/** One completion answer: candidate lines ("value" or "value\tdescription") and a directive. */
export interface Completion {
  items: string[];
  directive: number;
}

/** Where dynamic values come from; each returns [] when it cannot tell (no kubeconfig, no cluster). */
export interface CompletionSources {
  checkIds(): string[];
  kubeconfigNames(kind: 'contexts' | 'clusters' | 'users', flags: TypedFlags): string[];
  namespaces(flags: TypedFlags): Promise<string[]>;
  names(resource: NamedResource, flags: TypedFlags): Promise<string[]>;
}

/** The values of the flags typed so far, by long name (kubeconfig, context, namespace, ...). */
export type TypedFlags = Record<string, string>;

interface Parsed {
  command: Command;
  flags: TypedFlags;
  positionals: string[];
  /** Whether a subcommand was typed (else the default command, explain SERVICE, applies). */
  explicitCommand: boolean;
  /** The option whose value the word being completed is, if any. */
  pendingValue?: Option;
}

/** What completion lists names of: Services and Pods, and the route kinds `explain TYPE/NAME` takes. */
export type NamedResource = 'services' | 'pods' | 'ingresses' | 'httproutes' | 'grpcroutes' | 'tlsroutes' | 'tcproutes' | 'udproutes';

/** explain ing/<TAB>, httproute/<TAB>: the names of that kind, after the typed TYPE/. */
async function routeNames(current: string, parsed: Parsed, sources: CompletionSources): Promise<string[]> {
  const slash = current.indexOf('/');
  let target: ExplainTarget;
  try {
    target = parseExplainTarget(`${current.slice(0, slash)}/x`);
  } catch {
    return [];
  }
  const resource: NamedResource = target.kind === 'Service' ? 'services' : target.kind === 'Ingress' ? 'ingresses' : (`${target.kind.toLowerCase()}s` as NamedResource);
  return (await sources.names(resource, parsed.flags)).map((name) => `${current.slice(0, slash + 1)}${name}`);
}

/** Completes the last of words (the words after `kubectl svc-explain`) against the command tree. */
export async function complete(program: Command, words: readonly string[], sources: CompletionSources): Promise<Completion> {
  const current = words.length ? words[words.length - 1] : '';
  const parsed = parseTyped(program, words.slice(0, -1));
  if (parsed.pendingValue) return optionValues(parsed.pendingValue, current, '', parsed, sources);
  const assigned = /^(--[^=]+)=(.*)$/.exec(current);
  if (assigned) {
    const option = findOption(parsed.command, program, assigned[1]);
    return option ? optionValues(option, assigned[2], `${assigned[1]}=`, parsed, sources) : { items: [], directive: Directive.noFileComp };
  }
  if (current.startsWith('-')) return { items: optionNames(parsed.command, program).filter((name) => name.startsWith(current)), directive: Directive.noFileComp };
  return positionalValues(program, parsed, current, sources);
}

function parseTyped(program: Command, words: readonly string[]): Parsed {
  const parsed: Parsed = { command: program, flags: {}, positionals: [], explicitCommand: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--') {
      parsed.positionals.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('-') && word !== '-') {
      const [flag, inline] = splitFlag(word);
      const option = findOption(parsed.command, program, flag);
      if (!option || !(option.required || option.optional)) continue;
      const value = inline ?? words[i + 1];
      if (inline === undefined) i++;
      if (value === undefined) parsed.pendingValue = option;
      else parsed.flags[option.attributeName()] = value;
      continue;
    }
    const sub = parsed.command === program && parsed.positionals.length === 0 ? findSubcommand(program, word) : undefined;
    if (sub) {
      parsed.command = sub;
      parsed.explicitCommand = true;
    } else parsed.positionals.push(word);
  }
  if (parsed.command === program) parsed.command = findSubcommand(program, 'service') ?? program;
  return parsed;
}

/** `--output=json` → ['--output', 'json']; `-ojson` → ['-o', 'json']; `-o` → ['-o']. */
function splitFlag(word: string): [string, string | undefined] {
  if (word.startsWith('--')) {
    const at = word.indexOf('=');
    return at === -1 ? [word, undefined] : [word.slice(0, at), word.slice(at + 1)];
  }
  return word.length > 2 ? [word.slice(0, 2), word.slice(2).replace(/^=/, '')] : [word, undefined];
}

function findSubcommand(program: Command, name: string): Command | undefined {
  return program.commands.find((command) => command.name() === name || command.aliases().includes(name));
}

function findOption(command: Command, program: Command, flag: string): Option | undefined {
  // Before a subcommand, flags belong to the default command (explain SERVICE).
  const scope = command === program ? (findSubcommand(program, 'service') ?? program) : command;
  return [...scope.options, ...program.options].find((option) => option.long === flag || option.short === flag || option.negate && option.long === flag);
}

function optionNames(command: Command, program: Command): string[] {
  const options = [...command.options, ...(command === program ? [] : program.options)].filter((option) => !option.hidden);
  const names = options.flatMap((option) => [option.long, option.short].filter((name): name is string => Boolean(name)).map((name) => `${name}\t${option.description}`));
  return [...names, '--help\tshow help'];
}

async function optionValues(option: Option, current: string, prefix: string, parsed: Parsed, sources: CompletionSources): Promise<Completion> {
  const name = option.long?.replace(/^--/, '') ?? '';
  let values: string[];
  if (option.argChoices) values = option.argChoices;
  else if (name === 'kubeconfig') return { items: [], directive: Directive.default };
  else if (name === 'ignore') return commaSeparated(sources.checkIds(), current, prefix);
  else if (name === 'context' || name === 'cluster' || name === 'user') values = sources.kubeconfigNames(`${name}s` as 'contexts', parsed.flags);
  else if (name === 'namespace') values = await sources.namespaces(parsed.flags);
  else values = [];
  return { items: values.filter((value) => value.startsWith(current)).map((value) => `${prefix}${value}`), directive: Directive.noFileComp };
}

/** --ignore a,b,<TAB>: offers the ids not yet listed, after what was typed. */
function commaSeparated(ids: string[], current: string, prefix: string): Completion {
  const done = current.split(',');
  const partial = done.pop() ?? '';
  const head = done.length ? `${done.join(',')},` : '';
  const items = ids.filter((id) => id.startsWith(partial) && !done.includes(id)).map((id) => `${prefix}${head}${id}`);
  return { items, directive: Directive.noFileComp | Directive.noSpace };
}

async function positionalValues(program: Command, parsed: Parsed, current: string, sources: CompletionSources): Promise<Completion> {
  const { command, positionals } = parsed;
  const argument = command.registeredArguments[Math.min(positionals.length, command.registeredArguments.length - 1)];
  const kind = argument?.name().toLowerCase();
  if (kind === 'path') return { items: [], directive: Directive.default };
  const items: string[] = [...(argument?.argChoices ?? [])];
  // At the top, a word is a subcommand or (the default command) a Service name.
  if (!parsed.explicitCommand && positionals.length === 0) items.push(...subcommands(program));
  const variadicDone = argument && !argument.variadic && positionals.length >= command.registeredArguments.length;
  if (!variadicDone && kind === 'service' && current.includes('/')) items.push(...(await routeNames(current, parsed, sources)));
  else if (!variadicDone && (kind === 'service' || kind === 'pod')) items.push(...(await sources.names(kind === 'service' ? 'services' : 'pods', parsed.flags)));
  return { items: items.filter((item) => item.startsWith(current)), directive: Directive.noFileComp };
}

function subcommands(program: Command): string[] {
  // commander keeps `hidden` (the default command's) in a private field.
  const visible = program.commands.filter((sub) => !(sub as Command & { _hidden?: boolean })._hidden);
  return [...visible.map((sub) => `${sub.name()}\t${sub.summary() || sub.description()}`), 'help\tshow help for a command'];
}
