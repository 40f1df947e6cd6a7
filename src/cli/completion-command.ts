import { Argument, Command } from 'commander';
import { ExitCode } from '../errors.js';
import type { CommandContext } from './command-context.js';
import { COMPLETION_SHELLS, completionScript, type CompletionShell } from './completion-scripts.js';

const HELP = `
kubectl (>= 1.26) completes \`kubectl svc-explain <TAB>\` itself once kubectl's own completion is
loaded and kubectl_complete-svc_explain is on PATH (npm installs it; in the release archives it
sits beside kubectl-svc_explain; with krew, link it into krew's bin: see README, Shell completion).
These scripts complete the standalone command kubectl-svc_explain through the same helper.

Examples:
  source <(kubectl-svc_explain completion bash)          # ~/.bashrc
  kubectl-svc_explain completion zsh > "\${fpath[1]}/_kubectl-svc_explain"
  kubectl-svc_explain completion fish | source           # ~/.config/fish/config.fish
  kubectl-svc_explain completion powershell | Out-String | Invoke-Expression`;

/** `completion SHELL`: prints the shell's completion script. */
export function completionCommand(context: CommandContext): Command {
  return new Command('completion')
    .summary('print a shell completion script (bash, zsh, fish, powershell)')
    .description('Print a shell completion script for kubectl-svc_explain.')
    .addArgument(new Argument('<SHELL>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText('after', HELP)
    .action((shell: CompletionShell) => {
      context.finish({ stdout: completionScript(shell), exitCode: ExitCode.ok });
    });
}
