#!/usr/bin/env bash
# Build (once) the Kubernetes control-plane binaries used by the integration suite, from Go
# modules, with the installed Go toolchain. Binaries are cached outside the repository, keyed by
# version:  ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/k8s-<version>/bin
#
# The last line printed on stdout is the bin directory. Progress goes to stderr.
# Env: SVC_EXPLAIN_K8S_VERSION (a supported minor such as 1.33, or an exact vX.Y.Z; default: the
#      default minor in versions.sh), SVC_EXPLAIN_CACHE,
#      SVC_EXPLAIN_BUILD_KUBECTL=1 to build kubectl even when one is on PATH.
set -euo pipefail

# Supported minors, their pinned patch releases and the Go toolchain each one needs.
# shellcheck source=versions.sh
source "$(dirname "$0")/versions.sh"
K8S_VERSION=$(k8s_patch_for "${SVC_EXPLAIN_K8S_VERSION:-$K8S_DEFAULT_MINOR}")
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/k8s-$K8S_VERSION"
BIN="$DIR/bin"
STAMP="$DIR/build.stamp"
LOCK="$CACHE_ROOT/.build-$K8S_VERSION.lock"

log() { echo "[cluster:build] $*" >&2; }

require_compiler "[cluster:build]" go "the control plane"

mkdir -p "$DIR" "$BIN"

# Serialise concurrent builds of the same version (two terminals, CI + dev shell).
take_build_lock "$LOCK"

want=(etcd kube-apiserver kube-controller-manager kube-proxy)
build_kubectl=0
if [[ "${SVC_EXPLAIN_BUILD_KUBECTL:-0}" == 1 ]] || ! command -v kubectl >/dev/null 2>&1; then
  build_kubectl=1
  want+=(kubectl)
fi

have_all=1
[[ -f "$STAMP" ]] || have_all=0
for b in "${want[@]}"; do [[ -x "$BIN/$b" ]] || have_all=0; done
if [[ $have_all == 1 ]]; then
  log "cached binaries for $K8S_VERSION in $BIN"
  echo "$BIN"
  exit 0
fi

start=$(date +%s)
export GOFLAGS="-mod=mod -buildvcs=false"
# GOTOOLCHAIN=local for minors the installed Go builds; a newer toolchain (fetched once from the
# Go module proxy, cached in the module cache) for those that need one.
GOTOOLCHAIN=$(go_toolchain_for "$K8S_VERSION")
export GOTOOLCHAIN
log "Go toolchain: $GOTOOLCHAIN"
export CGO_ENABLED=0

log "resolving k8s.io/kubernetes@$K8S_VERSION"
gomod=$(cd "$DIR" && GOFLAGS= go mod download -json "k8s.io/kubernetes@$K8S_VERSION" |
  sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
[[ -f "$gomod" ]] || { log "could not download k8s.io/kubernetes@$K8S_VERSION"; exit 1; }

minor=${K8S_VERSION#v1.}; minor=${minor%%.*}
patch=${K8S_VERSION##*.}
staging_version="v0.$minor.$patch"
go_directive=$(awk '$1=="go"{print $2; exit}' "$gomod")

# Every k8s.io/* module that Kubernetes requires at v0.0.0 is a staging module, replaced by a
# local ./staging path in its own go.mod; a consumer replaces it by the published v0.<minor>.<patch>.
mapfile -t staging < <(awk '
  /^require[[:space:]]*\(/ {inreq=1; next}
  inreq && /^\)/ {inreq=0; next}
  inreq && $1 ~ /^k8s\.io\// && $2=="v0.0.0" {print $1}
  /^require[[:space:]]+k8s\.io\// && $3=="v0.0.0" {print $2}
' "$gomod" | sort -u)
log "${#staging[@]} staging modules -> $staging_version"

etcd_version=$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$gomod")
[[ -n "$etcd_version" ]] || { log "no go.etcd.io/etcd/server/v3 pin in $gomod"; exit 1; }

ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"

# --- Kubernetes wrapper module -------------------------------------------------------------
W="$DIR/wrapper-k8s"
mkdir -p "$W"
{
  echo "module svc-explain.local/k8sbuild"
  echo
  echo "go $go_directive"
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	$m => $m $staging_version"; done
  echo ")"
} > "$W/go.mod"
cat > "$W/tools.go" <<'GO'
// Package k8sbuild only exists so that `go build` of Kubernetes mains has a module to run in.
package k8sbuild
GO

pkgs=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-proxy)
[[ $build_kubectl == 1 ]] && pkgs+=(k8s.io/kubernetes/cmd/kubectl)

log "building ${pkgs[*]} (this takes a while on a cold cache)"
(cd "$W" && go build -trimpath -ldflags "$ldflags" -o "$BIN/" "${pkgs[@]}")

# --- etcd wrapper module (separate, so its dependency versions are its own) -----------------
E="$DIR/wrapper-etcd"
mkdir -p "$E"
cat > "$E/go.mod" <<GOMOD
module svc-explain.local/etcdbuild

go $go_directive

require go.etcd.io/etcd/server/v3 $etcd_version
GOMOD
cp "$W/tools.go" "$E/tools.go"; sed -i 's/k8sbuild/etcdbuild/' "$E/tools.go"
log "building etcd $etcd_version"
(cd "$E" && go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3)

end=$(date +%s)
{
  echo "kubernetes=$K8S_VERSION"
  echo "etcd=$etcd_version"
  echo "go=$(go env GOVERSION)"
  echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "seconds=$((end - start))"
  echo "binaries=$(cd "$BIN" && ls | tr '\n' ' ')"
} > "$STAMP"
log "built in $((end - start))s: $(cd "$BIN" && ls | tr '\n' ' ')"
echo "$BIN"
