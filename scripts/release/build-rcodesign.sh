#!/usr/bin/env bash
# Build (once) rcodesign, which ad-hoc signs the macOS executables on Linux, from the crates.io
# crate apple-codesign (without the notarization feature, which pulls in an AWS SDK). Cached outside
# the repository: ${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}/tools/rcodesign-<version>/bin.
# The last line printed on stdout is the path of the rcodesign binary. Progress goes to stderr.
set -euo pipefail
VERSION="${SVC_EXPLAIN_RCODESIGN_VERSION:-0.29.0}"
# shellcheck source=../lib/tool-cache.sh
source "$(dirname "$0")/../lib/tool-cache.sh"
DIR="$CACHE_ROOT/tools/rcodesign-$VERSION"
BIN="$DIR/bin/rcodesign"
log() { echo "[release:rcodesign] $*" >&2; }

start_tool_build "[release:rcodesign]" cargo "$DIR" "$BIN" "rcodesign $VERSION"
log "cargo install apple-codesign@$VERSION (one-off, a few minutes)"
CARGO_TARGET_DIR="$DIR/target" cargo install --quiet --locked --no-default-features \
  --root "$DIR" --version "$VERSION" apple-codesign >&2
rm -rf "$DIR/target"
finish_tool_build
