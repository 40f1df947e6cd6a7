#!/usr/bin/env bash
# Build (once) toxiproxy, the TCP fault-injecting proxy the fault tests put between the CLI and the
# real kube-apiserver, from its Go module. Cached outside the repository, keyed by version:
#   ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/toxiproxy-<version>/toxiproxy-server
# The last line printed on stdout is the path of the binary. Progress goes to stderr.
set -euo pipefail

VERSION="${SVC_EXPLAIN_TOXIPROXY_VERSION:-v2.5.0}"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/toxiproxy-$VERSION"
BIN="$DIR/toxiproxy-server"
log() { echo "[faults:build] $*" >&2; }
start_tool_build "[faults:build]" go "$DIR" "$BIN" "toxiproxy $VERSION"
export GOFLAGS="-mod=mod -buildvcs=false" GOTOOLCHAIN=local CGO_ENABLED=0
W="$DIR/wrapper"
mkdir -p "$W"
cat > "$W/go.mod" <<GOMOD
module svc-explain.local/toxiproxybuild

go 1.22

require github.com/Shopify/toxiproxy/v2 $VERSION
GOMOD
cat > "$W/tools.go" <<'GO'
// Package toxiproxybuild only exists so that `go build` of toxiproxy's server has a module to run in.
package toxiproxybuild
GO
log "building github.com/Shopify/toxiproxy/v2/cmd/server@$VERSION"
(cd "$W" && go mod download github.com/Shopify/toxiproxy/v2 && go build -trimpath -ldflags "-s -w" -o "$BIN.tmp" github.com/Shopify/toxiproxy/v2/cmd/server)
finish_tool_build
