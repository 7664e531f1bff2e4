#!/usr/bin/env bash
# The README's test command: installs what is missing, builds with warnings as
# errors, runs the whole suite in a normal and in an ASan+UBSan build, and ends
# with 'N passed, N failed' summed over both.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh || exit 1

setup() { # dir, options...
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >"$dir.setup.log" 2>&1
  else
    meson setup "$dir" "$@" >"$dir.setup.log" 2>&1
  fi || { cat "$dir.setup.log" >&2; return 1; }
}

status=0
dirs=()
test_args=() # narrows `meson test` for the next run
run() { # dir, options...
  local dir=$1
  dirs+=("$dir")
  rm -f "$dir/meson-logs/testlog.json"
  if ! setup "$@"; then status=1; return; fi
  if ! ninja -C "$dir" >&2; then status=1; return; fi
  meson test -C "$dir" --print-errorlogs --num-processes "$(nproc)" "${test_args[@]}" >&2 || status=1
}

run build -Dwerror=true -Dbuildtype=debugoptimized
run build-asan -Dwerror=true -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false -Dbench=false
# Shared libraries: everything builds and links, each library exports only its
# public API, and the DESTDIR install serves a program through pkg-config.
# Only that suite runs here, so the third-party consumers are not built.
test_args=(--suite install)
run build-shared -Dwerror=true -Ddefault_library=shared -Dbench=false \
  -Dmicropython_tests=disabled -Dlvgl=

python3 scripts/test-summary.py "${dirs[@]}" || status=1
exit $status
