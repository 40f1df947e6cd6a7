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

# start_tool_build TAG COMPILER DIR BIN WHAT: the common start of a tool build. Exits 3 when COMPILER
# is missing; takes the lock of DIR; when BIN is already built, says so and prints it, ending the
# script (exit 0). Otherwise sets BUILD_TAG, BUILD_BIN and BUILD_START for finish_tool_build.
start_tool_build() {
  BUILD_TAG="$1" BUILD_BIN="$4" BUILD_START=$(date +%s)
  if [[ -x "$4" ]]; then echo "$1 cached $5 in $3" >&2; echo "$4"; exit 0; fi
  require_compiler "$1" "$2" "$5"
  mkdir -p "$3"
  take_build_lock "$3.lock"
  if [[ -x "$4" ]]; then echo "$1 cached $5 in $3" >&2; echo "$4"; exit 0; fi
}

# finish_tool_build: moves BUILD_BIN.tmp (when the build wrote one) into place, reports the time and
# prints the binary's path as the script's last line.
finish_tool_build() {
  if [[ -e "$BUILD_BIN.tmp" ]]; then mv "$BUILD_BIN.tmp" "$BUILD_BIN"; fi
  echo "$BUILD_TAG built in $(( $(date +%s) - BUILD_START ))s" >&2
  echo "$BUILD_BIN"
}
