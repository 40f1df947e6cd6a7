#!/usr/bin/env bash
# System packages the release tests need: qemu-user-static and the arm64 C/C++ runtime (to run the
# linux/arm64 executable on an amd64 machine), zsh and fish (to run the completion scripts), unzip
# and file (to look into the Windows archive and at executables).
# Idempotent: apt runs only when something is missing. Needs root (or sudo) when it has to install.
set -euo pipefail
need=()
command -v qemu-aarch64-static >/dev/null 2>&1 || need+=(qemu-user-static)
[[ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]] || need+=(libc6-arm64-cross)
[[ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]] || need+=(libstdc++6-arm64-cross libgcc-s1-arm64-cross)
command -v zsh >/dev/null 2>&1 || need+=(zsh)
command -v unzip >/dev/null 2>&1 || need+=(unzip)
command -v file >/dev/null 2>&1 || need+=(file)
command -v fish >/dev/null 2>&1 || need+=(fish)
# shellcheck source=../lib/apt-install.sh
source "$(dirname "$0")/../lib/apt-install.sh"
install_needed "[release:deps]"
