#!/usr/bin/env bash
# The lint step of action.yml: runs `lint -o sarif` on $SVC_EXPLAIN_PATHS with $SVC_EXPLAIN_ARGS
# (both split on spaces), writes $SVC_EXPLAIN_SARIF, and records the exit code in $GITHUB_OUTPUT.
# Exit 0 and 1 both leave a complete report; any other code (bad flags, unreadable input) fails here.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
read -r -a paths <<<"${SVC_EXPLAIN_PATHS:-.}"
read -r -a args <<<"${SVC_EXPLAIN_ARGS:-}"
sarif=${SVC_EXPLAIN_SARIF:-svc-explain.sarif}
node "$root/bin/kubectl-svc_explain" lint -o sarif "${args[@]}" "${paths[@]}" >"$sarif.tmp"
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [[ $code -gt 1 ]]; then
  rm -f "$sarif.tmp"
  exit "$code"
fi
mv "$sarif.tmp" "$sarif"
echo "svc-explain: wrote $sarif (lint exit code $code)"
