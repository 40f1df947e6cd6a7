# Sourced by the scripts that build a tool once into the cache outside the repository
# (${SVC_EXPLAIN_CACHE:-$HOME/.cache/svc-explain}): where that cache is, how a missing compiler is
# reported (exit 3), and the lock that serialises two builds of one tool (two terminals, CI + shell).
CACHE_ROOT="${SVC_EXPLAIN_CACHE:-${HOME:-/root}/.cache/svc-explain}"

# require_compiler TAG COMMAND WHAT: exit 3 with one line when COMMAND is not on PATH.
require_compiler() {
  command -v "$2" >/dev/null 2>&1 && return 0
  echo "$1 $2 not found on PATH; cannot build $3" >&2
  exit 3
}

# take_build_lock FILE: holds an exclusive lock on FILE (fd 9) for the rest of the script.
take_build_lock() {
  mkdir -p "$(dirname "$1")"
  exec 9>"$1"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
}
