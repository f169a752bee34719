#!/usr/bin/env bash
# Makes a headless Chromium available: the Swagger UI e2e spec opens /docs in it to prove the page
# still renders under the API's Content-Security-Policy. Debian ships it as `chromium`.
# Safe to run repeatedly: exits 0 at once when chromium is already on PATH (or CHROMIUM names it).
set -euo pipefail

log() { echo "install-chromium: $*"; }
die() { echo "install-chromium: ERROR: $*" >&2; exit 1; }

found="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -n "$found" ] && [ -x "$found" ]; then
  log "$found is there; nothing to do."
  exit 0
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib/root-apt.sh"
need_root_apt "chromium is missing" "run 'sudo apt-get install chromium' (or set CHROMIUM to a Chromium or Chrome binary) and re-run." \
  "install Chromium or Chrome and set CHROMIUM to its binary."

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive
log "installing the chromium package"
# The package lists may be older than the mirror (404 on download): refresh once and retry.
if ! "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends chromium; then
  "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends chromium
fi
command -v chromium >/dev/null 2>&1 || die "the chromium package installed no chromium on PATH."
log "$(chromium --version 2>/dev/null | head -n 1) installed."
