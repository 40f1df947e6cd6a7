#!/usr/bin/env bash
# Build (once) krew and krew's own manifest validator from the sigs.k8s.io/krew Go module, so the
# test suite installs the release archive exactly as users' krew does. Cached outside the
# repository: ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/tools/krew-<version>/bin.
# The last line printed on stdout is that bin directory. Progress goes to stderr.
set -euo pipefail
VERSION="${SVC_EXPLAIN_KREW_VERSION:-v0.4.3}"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/tools/krew-$VERSION"
BIN="$DIR/bin"
log() { echo "[release:krew] $*" >&2; }

have() { [[ -x "$BIN/krew" && -x "$BIN/validate-krew-manifest" ]]; }
if have; then log "cached $BIN"; echo "$BIN"; exit 0; fi
require_compiler "[release:krew]" go krew
mkdir -p "$BIN"
take_build_lock "$DIR.lock"
if have; then log "cached $BIN"; echo "$BIN"; exit 0; fi

start=$(date +%s)
log "go install sigs.k8s.io/krew/cmd/{krew,validate-krew-manifest}@$VERSION"
GOBIN="$BIN" GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-buildvcs=false" \
  go install -ldflags "-s -w -X sigs.k8s.io/krew/internal/version.gitTag=$VERSION" \
  "sigs.k8s.io/krew/cmd/krew@$VERSION" "sigs.k8s.io/krew/cmd/validate-krew-manifest@$VERSION" >&2
log "built in $(( $(date +%s) - start ))s"
echo "$BIN"
