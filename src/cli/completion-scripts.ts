/**
 * Shell scripts for `completion SHELL`: they complete the standalone `kubectl-svc_explain` command
 * by asking kubectl_complete-svc_explain, the same helper kubectl (>= 1.26) asks for
 * `kubectl svc-explain <TAB>`. Its output is cobra's: one candidate a line ("value<TAB>help"),
 * then `:<directive>` (2 = no space after it, 4 = no file names).
 */
const BASH = `# bash completion for kubectl-svc_explain (kubectl svc-explain is completed by kubectl's own).
_kubectl_svc_explain() {
  local cur=\${COMP_WORDS[COMP_CWORD]} out directive line
  out=$(kubectl_complete-svc_explain "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
  local -a lines=() words=()
  mapfile -t lines <<<"$out"
  directive=\${lines[\${#lines[@]}-1]#:}
  unset 'lines[\${#lines[@]}-1]'
  for line in "\${lines[@]}"; do [[ -n $line ]] && words+=("\${line%%$'\\t'*}"); done
  COMPREPLY=()
  for line in "\${words[@]}"; do [[ $line == "$cur"* ]] && COMPREPLY+=("$line"); done
  if (( \${#COMPREPLY[@]} == 0 && (directive & 4) == 0 )); then mapfile -t COMPREPLY < <(compgen -f -- "$cur"); fi
  if (( directive & 2 )); then compopt -o nospace 2>/dev/null; fi
}
complete -F _kubectl_svc_explain kubectl-svc_explain
`;

const ZSH = `#compdef kubectl-svc_explain
# zsh completion for kubectl-svc_explain (kubectl svc-explain is completed by kubectl's own).
_kubectl_svc_explain() {
  local out directive line
  local -a lines candidates
  out=$(kubectl_complete-svc_explain "\${(@)words[2,CURRENT]}" 2>/dev/null) || return
  lines=("\${(@f)out}")
  directive=\${lines[-1]#:}
  for line in "\${(@)lines[1,-2]}"; do
    [[ -n $line ]] && candidates+=("\${\${line%%$'\\t'*}//:/\\\\:}:\${line#*$'\\t'}")
  done
  if (( \${#candidates} )); then
    if (( directive & 2 )); then _describe 'svc-explain' candidates -S ''; else _describe 'svc-explain' candidates; fi
  elif (( (directive & 4) == 0 )); then
    _files
  fi
}
compdef _kubectl_svc_explain kubectl-svc_explain
`;

const FISH = `# fish completion for kubectl-svc_explain (kubectl svc-explain is completed by kubectl's own).
function __kubectl_svc_explain_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    set -l out (kubectl_complete-svc_explain $words 2>/dev/null)
    or return
    set -l directive (string replace -r '^:' '' -- $out[-1])
    set -e out[-1]
    if test (count $out) -eq 0; and test (math "bitand($directive, 4)") -eq 0
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\\n' $out
end
complete -c kubectl-svc_explain -f -a '(__kubectl_svc_explain_complete)'
`;

const POWERSHELL = `# PowerShell completion for kubectl-svc_explain (kubectl svc-explain is completed by kubectl's own).
Register-ArgumentCompleter -Native -CommandName 'kubectl-svc_explain', 'kubectl-svc_explain.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -eq '') { $words += '' }
    $out = @(kubectl_complete-svc_explain @words 2>$null)
    if ($out.Count -lt 2) { return }
    $out[0..($out.Count - 2)] | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        $name, $help = $_ -split "\`t", 2
        [System.Management.Automation.CompletionResult]::new($name, $name, 'ParameterValue', $(if ($help) { $help } else { $name }))
    }
}
`;

/** The shells `completion` writes scripts for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
/** One of COMPLETION_SHELLS. */
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The completion script for one shell. */
export function completionScript(shell: CompletionShell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH, powershell: POWERSHELL }[shell];
}
