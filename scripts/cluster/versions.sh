# Kubernetes minors the test control plane is built for (sourced by build.sh; up.mjs reads the
# same table through versions.mjs). Patch releases are the newest the Go module proxy served when
# they were pinned; the toolchain is the Go that builds them (local = the installed Go 1.26).
K8S_DEFAULT_MINOR=1.37

# k8s_patch_for 1.33 | v1.33 | v1.33.13 -> the exact release to build.
k8s_patch_for() {
  local v=${1#v}
  case "$v" in
    1.37) echo v1.37.2 ;;
    1.36) echo v1.36.3 ;;
    1.33) echo v1.33.13 ;;
    1.*.*) echo "v$v" ;;
    *) echo "[cluster:build] unsupported Kubernetes version '$1' (supported: 1.37, 1.36, 1.33, or an exact v1.N.P)" >&2; return 2 ;;
  esac
}

# go_toolchain_for v1.37.2 -> the GOTOOLCHAIN value to build it with.
go_toolchain_for() {
  local minor=${1#v1.}; minor=${minor%%.*}
  if (( minor >= 37 )); then echo "${SVC_EXPLAIN_GOTOOLCHAIN:-go1.27.3}"; else echo local; fi
}
