#!/usr/bin/env bash
# System packages `npm test` needs, installed before it runs (idempotent: apt runs only when something
# is missing): zsh and fish, which the completion tests run, and, through
# scripts/cluster/install-deps.sh, what the local control plane and its oracles need. Where apt-get
# is not available it names what is missing and goes on: the tests that need it then fail and say so.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v fish >/dev/null 2>&1 || need+=(fish)
if ! command -v apt-get >/dev/null 2>&1; then
  [[ ${#need[@]} -eq 0 ]] || echo "[test:deps] no apt-get here: install ${need[*]} by hand for the completion tests" >&2
  exit 0
fi
# shellcheck source=lib/apt-install.sh
source lib/apt-install.sh
install_needed "[test:deps]"
bash cluster/install-deps.sh
