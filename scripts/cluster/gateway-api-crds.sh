#!/usr/bin/env bash
# Take (once) the Gateway API CRDs and examples from the Go module sigs.k8s.io/gateway-api (served by
# the Go module proxy; nothing else is downloaded) into the cache outside the repository:
#   ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/gateway-api-<version>/{crd/standard,crd/experimental,examples}
# The integration suite installs crd/experimental into the test control plane (its TLSRoute, TCPRoute
# and UDPRoute also serve v1alpha2); the corpus test lints examples/. The last line on stdout is the
# directory. Progress goes to stderr.
set -euo pipefail

VERSION="${SVC_EXPLAIN_GATEWAY_API_VERSION:-v1.7.0}"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/gateway-api-$VERSION"
STAMP="$DIR/.complete"
LOCK="$CACHE_ROOT/.gateway-api-$VERSION.lock"

log() { echo "[gateway-api] $*" >&2; }
require_compiler "[gateway-api]" go "the Gateway API CRDs (go mod download)"
take_build_lock "$LOCK"

if [[ -f "$STAMP" ]]; then
  log "cached Gateway API $VERSION in $DIR"
  echo "$DIR"
  exit 0
fi

start=$(date +%s)
# Run outside any module; the module's go.mod asks for a newer Go than some installs have, so a
# refusal by the local toolchain is retried with the one the 1.37 control plane is built with.
download() { (cd / && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/gateway-api@$VERSION"); }
json="$(GOTOOLCHAIN=local download 2>/dev/null || true)"
if ! grep -q '"Dir":' <<<"$json"; then json="$(GOTOOLCHAIN="${SVC_EXPLAIN_GATEWAY_API_TOOLCHAIN:-go1.27.3}" download)"; fi
src="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$json")"
[[ -d "$src/config/crd/experimental" ]] || { log "go mod download gave no module directory: $json"; exit 3; }

rm -rf "$DIR.tmp"
mkdir -p "$DIR.tmp/crd"
cp -R "$src/config/crd/standard" "$src/config/crd/experimental" "$DIR.tmp/crd/"
cp -R "$src/examples" "$DIR.tmp/examples"
chmod -R u+w "$DIR.tmp"
rm -rf "$DIR"
mv "$DIR.tmp" "$DIR"
touch "$STAMP"
log "took sigs.k8s.io/gateway-api@$VERSION from $src in $(( $(date +%s) - start ))s"
echo "$DIR"
