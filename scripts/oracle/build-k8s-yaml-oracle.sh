#!/usr/bin/env bash
# Build (once) the test oracle that reads YAML as Kubernetes does (test/oracle/k8s-yaml, a Go
# module requiring sigs.k8s.io/yaml and k8s.io/apimachinery at Kubernetes 1.36's versions). The
# binary is cached outside the repository, keyed by a hash of the module's files:
#   ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/tools/k8s-yaml-oracle-<hash>/k8s-yaml-oracle
# The last line printed on stdout is the binary's path.
set -euo pipefail
cd "$(dirname "$0")/../../test/oracle/k8s-yaml"

if ! command -v go >/dev/null 2>&1; then
  echo "[oracle:build] Go toolchain not found on PATH" >&2
  exit 3
fi
hash=$(cat go.mod go.sum main.go | sha256sum | cut -c1-16)
dir="${SVC_EXPLAIN_CACHE:-${HOME:-/root}/.cache/svc-explain}/tools/k8s-yaml-oracle-$hash"
bin="$dir/k8s-yaml-oracle"
if [[ ! -x "$bin" ]]; then
  mkdir -p "$dir"
  start=$(date +%s)
  GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" go build -trimpath -o "$bin.tmp" .
  mv "$bin.tmp" "$bin"
  echo "[oracle:build] built $bin in $(( $(date +%s) - start )) s" >&2
fi
echo "$bin"
