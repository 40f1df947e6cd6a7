#!/usr/bin/env bash
# Build (once) a Go test oracle of test/oracle/<name> (its own go.mod and go.sum) into a cache outside
# the repository, keyed by the hash of its sources, and print the binary's path as the last line.
#   bash scripts/oracle/build.sh test/oracle/netpol     (cyclonus, for the NetworkPolicy oracle)
#   bash scripts/oracle/build.sh test/oracle/k8s-yaml   (sigs.k8s.io/yaml, for the reader's differential test)
# Env: SVC_EXPLAIN_CACHE (default ~/.cache/svc-explain). Oracles are test helpers only.
set -euo pipefail
src="$(cd "$1" && pwd)"
name="$(basename "$src")"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
hash="$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -c1-16)"
out="$CACHE_ROOT/oracles/$name-$hash"
bin="$out/$name-oracle"
if [[ -x "$bin" ]]; then echo "$bin"; exit 0; fi
require_compiler "[oracle:build]" go "the $name oracle"
mkdir -p "$out"
start=$(date +%s)
(cd "$src" && GOFLAGS="-mod=mod -buildvcs=false" GOTOOLCHAIN=local CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
echo "[oracle:build] $name built in $(( $(date +%s) - start ))s" >&2
echo "$bin"
