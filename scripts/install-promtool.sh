#!/usr/bin/env bash
# Makes `promtool` available: the metrics e2e spec runs `promtool check metrics` on the real
# /metrics of the API and the worker. Debian and Ubuntu ship it in the `prometheus` package.
# Safe to run repeatedly: exits 0 at once when promtool is already on PATH.
set -euo pipefail

log() { echo "install-promtool: $*"; }
die() { echo "install-promtool: ERROR: $*" >&2; exit 1; }

if command -v promtool >/dev/null 2>&1; then
  log "$(promtool --version 2>&1 | head -n 1); nothing to do."
  exit 0
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib/root-apt.sh"
need_root_apt "promtool is missing" "run 'sudo apt-get install prometheus' (or put promtool on PATH) and re-run." \
  "install it from https://prometheus.io/download/ and put it on PATH."

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive
log "installing the prometheus package (for promtool)"
# The package lists may be older than the mirror (404 on download): refresh once and retry.
if ! "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends prometheus; then
  "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends prometheus
fi
command -v promtool >/dev/null 2>&1 || die "the prometheus package installed no promtool on PATH."
log "$(promtool --version 2>&1 | head -n 1) installed."
