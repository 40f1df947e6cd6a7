#!/usr/bin/env bash
# Build (once) CoreDNS, the cluster DNS the DNS oracle asks, from its Go module with only the plugins
# that oracle's Corefile uses (kubernetes, transfer, errors, log, bind): a fraction of the full build's
# dependencies. Cached outside the repository, keyed by version:
#   ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/coredns-<version>/coredns
# The last line printed on stdout is the path of the binary. Progress goes to stderr.
set -euo pipefail

VERSION="${SVC_EXPLAIN_COREDNS_VERSION:-v1.15.0}"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/coredns-$VERSION"
BIN="$DIR/coredns"
log() { echo "[dns:build] $*" >&2; }
start_tool_build "[dns:build]" go "$DIR" "$BIN" "CoreDNS $VERSION"
# CoreDNS v1.15.0 needs Go >= 1.26.0: the installed Go when it is new enough, else go fetches the one it asks for.
export GOFLAGS="-mod=mod -buildvcs=false" GOTOOLCHAIN=local+auto CGO_ENABLED=0
W="$DIR/wrapper"
mkdir -p "$W"
cat > "$W/go.mod" <<GOMOD
module svc-explain.local/corednsbuild

go 1.26.0

require github.com/coredns/coredns $VERSION
GOMOD
cat > "$W/main.go" <<'GO'
// Command coredns is CoreDNS with only the plugins the DNS oracle's Corefile uses.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/bind"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/transfer"
)

func init() {
	// The same relative order as CoreDNS' own plugin.cfg.
	dnsserver.Directives = []string{"bind", "errors", "log", "transfer", "kubernetes"}
}

func main() { coremain.Run() }
GO
log "building github.com/coredns/coredns@$VERSION (plugins: bind errors log transfer kubernetes)"
(cd "$W" && go mod download github.com/coredns/coredns && go build -trimpath -ldflags "-s -w" -o "$BIN.tmp" .)
finish_tool_build
