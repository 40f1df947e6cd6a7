# Sourced by the install-deps scripts: installs the Debian packages they collected in the array
# `need`, with sudo when not root, and says so on stderr under the caller's tag. Idempotent: apt
# runs only when `need` is not empty.
# Usage: need=(...); install_needed "[cluster:deps]"
install_needed() {
  local tag="$1" sudo=""
  if [[ ${#need[@]} -eq 0 ]]; then
    echo "$tag system packages present" >&2
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "$tag missing ${need[*]} and not root: install them by hand" >&2; return 1
    fi
  fi
  echo "$tag installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
}
