#!/usr/bin/env bash
# System packages the local control plane needs: iproute2 (ip netns), iptables and conntrack
# for kube-proxy in iptables mode, nftables for the second one in nftables mode, openssl for keys,
# util-linux for flock. Idempotent: apt runs
# only when something is missing. Needs root (or sudo) when it has to install.
set -euo pipefail
need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v iptables-save >/dev/null 2>&1 || need+=(iptables)
command -v conntrack >/dev/null 2>&1 || need+=(conntrack)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v flock >/dev/null 2>&1 || need+=(util-linux)
if [[ ${#need[@]} -eq 0 ]]; then
  echo "[cluster:deps] system packages present" >&2
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "[cluster:deps] missing ${need[*]} and not root: install them by hand" >&2; exit 1
  fi
fi
echo "[cluster:deps] installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
