import { complete, Directive } from './completion-engine.js';
import { completionSources } from './completion-sources.js';
import type { CliIo } from './io.js';
import { readPackageInfo } from './package-info.js';
import { createProgram } from './program.js';

/**
 * kubectl_complete-svc_explain WORDS: what kubectl (>= 1.26) runs for `kubectl svc-explain <TAB>`,
 * with the words after the plugin name (the last one being completed, possibly empty). Prints
 * cobra's protocol: one candidate a line, then `:<directive>`. Never fails: a shell cannot use errors.
 */
export async function runCompletion(words: string[], io: CliIo): Promise<number> {
  const ignore = { writeOut: () => {}, writeErr: () => {} };
  try {
    const program = createProgram({ io, packageInfo: readPackageInfo(), finish: () => {}, helpOutput: ignore });
    const result = await complete(program, words, completionSources(io.env));
    io.stdout.write([...result.items, `:${result.directive}`].join('\n') + '\n');
  } catch {
    io.stdout.write(`:${Directive.error}\n`);
  }
  return 0;
}
