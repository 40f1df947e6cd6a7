#!/usr/bin/env bash
# System packages the local control plane needs: iproute2 (ip netns), iptables and conntrack
# for kube-proxy in iptables mode, nftables for the second one in nftables mode, openssl for keys,
# util-linux for flock, dnsutils (dig) for the DNS oracle. Idempotent: apt runs
# only when something is missing. Needs root (or sudo) when it has to install.
set -euo pipefail
need=()
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v iptables-save >/dev/null 2>&1 || need+=(iptables)
command -v conntrack >/dev/null 2>&1 || need+=(conntrack)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v flock >/dev/null 2>&1 || need+=(util-linux)
command -v dig >/dev/null 2>&1 || need+=(dnsutils)
# shellcheck source=../lib/apt-install.sh
source "$(dirname "$0")/../lib/apt-install.sh"
install_needed "[cluster:deps]"
