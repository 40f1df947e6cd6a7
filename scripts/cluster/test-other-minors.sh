#!/usr/bin/env bash
# The integration files that run on the older supported minors (the newest runs the whole suite
# through `npm test`): the random scenarios (SVC_EXPLAIN_SCENARIOS, default the first 100 seeded
# ones), the version-dependent tests and the validation differential, the control-plane smoke test,
# the nftables part of live-cli, and the exactness cases (foreign slices, dual-stack, missing Nodes,
# hand-written endpoints), whose controller and kube-proxy behaviour must hold on every minor.
# Usage: scripts/cluster/test-other-minors.sh [MINOR...]   (default: every minor in versions.sh but the newest)
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=versions.sh
source scripts/cluster/versions.sh
minors=("$@")
[[ ${#minors[@]} -gt 0 ]] || minors=($(grep -oE '^\s+1\.[0-9]+\)' scripts/cluster/versions.sh | tr -d ' )' | grep -vx "$K8S_DEFAULT_MINOR"))
files=(test/cluster/random-scenarios.test.ts test/cluster/kubernetes-versions.test.ts test/cluster/validation-differential.test.ts test/cluster/control-plane.test.ts test/cluster/live-cli.test.ts test/cluster/exactness.test.ts)
for minor in "${minors[@]}"; do
  start=$(date +%s)
  echo "== integration tests on Kubernetes $minor: ${files[*]}"
  SVC_EXPLAIN_K8S_VERSION=$minor SVC_EXPLAIN_SCENARIOS=${SVC_EXPLAIN_SCENARIOS:-0-99} \
    node node_modules/vitest/vitest.mjs run --config vitest.cluster.config.ts "${files[@]}"
  echo "== Kubernetes $minor: $(( $(date +%s) - start )) s"
done
