#!/usr/bin/env bash
# Makes the pgvector extension available to the local PostgreSQL server.
#
# Debian bookworm does not package pgvector, but the source package of the
# next Debian release builds unchanged against postgresql-server-dev-<major>.
# So: add a deb-src entry for that release (same mirror and keyring as the
# system already uses), fetch the source, build it with the server's
# pg_config, install it, check the server now lists `vector`.
#
# Safe to run repeatedly: when the server already offers `vector` (a previous
# run, or a pgvector Docker image as in CI) it exits 0 straight away.
#
# Environment:
#   PGHOST / PGPORT / PGUSER   server to check (default 127.0.0.1 / 5432 / postgres);
#                              PGDATABASE, PGPASSWORD as usual for libpq
#   PGVECTOR_SOURCE_SUITE      Debian suite to take the source from (default: next release)
#   KEEP_PGVECTOR_APT_SOURCE=1 keep the deb-src file after installing (removed by default
#                              so later `apt-get update` runs don't fetch that suite's index)
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"

SOURCES_FILE=/etc/apt/sources.list.d/pgvector-src.sources
started=$SECONDS

log() { echo "install-pgvector: $*"; }
die() { echo "install-pgvector: ERROR: $*" >&2; exit 1; }

# --- 1. Is the extension already there? -------------------------------------
command -v psql >/dev/null 2>&1 \
  || die "psql not found; install the PostgreSQL client (apt-get install postgresql-client) and re-run."

# Run a query against PGDATABASE (default: the maintenance database).
export PGDATABASE="${PGDATABASE:-postgres}"
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"
q() { psql -X -q -t -A -c "$1"; }

q 'select 1' >/dev/null 2>&1 \
  || die "PostgreSQL is not reachable at ${PGHOST}:${PGPORT} as ${PGUSER}; start it (e.g. pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start) and re-run."

has_vector() { [ "$(q "select count(*) from pg_available_extensions where name = 'vector'")" = "1" ]; }

if has_vector; then
  log "vector is already available on ${PGHOST}:${PGPORT} ($(q "select default_version from pg_available_extensions where name = 'vector'")); nothing to do."
  exit 0
fi

# --- 2. Can we install? -----------------------------------------------------
# Building needs apt and writes into the server's lib/share directories,
# which only makes sense when the server runs on this machine.
. "$(dirname "${BASH_SOURCE[0]}")/lib/root-apt.sh"
need_root_apt "vector is missing on ${PGHOST}:${PGPORT}" \
  "run 'sudo bash scripts/install-pgvector.sh' (or use a server with pgvector, e.g. the pgvector/pgvector Docker image)." \
  "install pgvector for your PostgreSQL (https://github.com/pgvector/pgvector#installation)."

# The extension must match the *server's* major version, not whichever
# client happens to be first on PATH.
server_num="$(q 'show server_version_num')"
PG_MAJOR=$(( server_num / 10000 ))
[ "$PG_MAJOR" -ge 13 ] || die "unsupported PostgreSQL server version ${server_num}."
case "$PGHOST" in
  127.0.0.1|localhost|::1|/*) ;;
  *) log "warning: ${PGHOST} does not look local; the extension is installed on THIS machine." ;;
esac

. /etc/os-release
CODENAME="${VERSION_CODENAME:-}"
[ -n "$CODENAME" ] || die "cannot tell the Debian release from /etc/os-release."
# "Next release" table; override with PGVECTOR_SOURCE_SUITE when it goes stale.
case "$CODENAME" in
  bullseye) NEXT=bookworm ;;
  bookworm) NEXT=trixie ;;
  trixie)   NEXT=forky ;;
  *)        NEXT=unstable ;;
esac
NEXT="${PGVECTOR_SOURCE_SUITE:-$NEXT}"

APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300)
export DEBIAN_FRONTEND=noninteractive

# --- 3. Build dependencies --------------------------------------------------
# postgresql-server-dev-N brings pg_config and the server headers (PGXS);
# build-essential the compiler; dpkg-dev the dpkg-source that `apt-get source` unpacks with.
missing=()
for pkg in "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing build dependencies: ${missing[*]}"
  # The package lists may be older than the mirror (404 on download): refresh once and retry.
  if ! "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends "${missing[@]}"; then
    "${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300
    "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --no-install-recommends "${missing[@]}"
  fi
fi
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
[ -x "$PG_CONFIG" ] || die "$PG_CONFIG not found after installing postgresql-server-dev-${PG_MAJOR}."

# --- 4. deb-src entry for the next release -----------------------------------
# Reuse the mirror URI and Signed-By keyring of the system's own entry for
# $CODENAME so we never hard-code a mirror. deb822 files first, then the
# one-line sources.list format.
MIRROR="" KEYRING=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && [ "$f" != "$SOURCES_FILE" ] || continue
  # Paragraph mode: each stanza is one record; pick the first whose Suites contains $CODENAME.
  read -r MIRROR KEYRING < <(awk -v cn="$CODENAME" '
    BEGIN { RS = ""; FS = "\n" }
    {
      uri = ""; suites = ""; key = ""
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^#/) continue
        split($i, kv, ":[ \t]*")
        k = tolower(kv[1]); v = substr($i, index($i, ":") + 1); gsub(/^[ \t]+|[ \t]+$/, "", v)
        if (k == "uris") { split(v, u, /[ \t]+/); uri = u[1] }
        else if (k == "suites") suites = " " v " "
        else if (k == "signed-by") key = v
      }
      if (uri != "" && index(suites, " " cn " ") > 0) { print uri, key; exit }
    }' "$f") || true
  [ -n "$MIRROR" ] && break
done
if [ -z "$MIRROR" ] && [ -f /etc/apt/sources.list ]; then
  MIRROR="$(awk -v cn="$CODENAME" '$1 == "deb" && !/\[/ && $3 == cn { print $2; exit }' /etc/apt/sources.list)"
fi
[ -n "$MIRROR" ] || die "could not find the Debian mirror for ${CODENAME} in /etc/apt/sources.list(.d); add a deb-src line for ${NEXT} with pgvector yourself."

# Release files of $NEXT are signed with $NEXT's archive keys. bookworm's
# debian-archive-keyring (2023.3+deb12u1 and later) already ships them; when
# the keyring is older, upgrading it from the current release is enough.
: "${KEYRING:=/usr/share/keyrings/debian-archive-keyring.gpg}"
case "$KEYRING" in
  /*) ;;
  *) die "Signed-By of the ${CODENAME} entry is an inline key; cannot reuse it for ${NEXT}." ;;
esac
if [ ! -e "/usr/share/keyrings/debian-archive-${NEXT}-automatic.gpg" ]; then
  log "keyring lacks ${NEXT}'s signing key; upgrading debian-archive-keyring"
  "${SUDO[@]}" apt-get install "${APT_OPTS[@]}" --only-upgrade debian-archive-keyring || true
  [ -e "/usr/share/keyrings/debian-archive-${NEXT}-automatic.gpg" ] \
    || die "debian-archive-keyring has no key for ${NEXT}; install a newer debian-archive-keyring and re-run."
fi

log "adding deb-src for ${NEXT} from ${MIRROR} (${SOURCES_FILE})"
"${SUDO[@]}" tee "$SOURCES_FILE" >/dev/null <<EOF
# Source packages of Debian ${NEXT}, used by scripts/install-pgvector.sh to build pgvector.
Types: deb-src
URIs: ${MIRROR}
Suites: ${NEXT}
Components: main
Signed-By: ${KEYRING}
EOF

workdir="$(mktemp -d /tmp/pgvector-build.XXXXXX)"
cleanup() {
  rm -rf "$workdir"
  if [ "${KEEP_PGVECTOR_APT_SOURCE:-0}" != "1" ]; then
    "${SUDO[@]}" rm -f "$SOURCES_FILE"
  fi
}
trap cleanup EXIT

# Refresh only the new list (fast); keep the other lists as they are.
"${SUDO[@]}" apt-get update -q \
  -o Dir::Etc::sourcelist="$SOURCES_FILE" -o Dir::Etc::sourceparts=- \
  -o APT::Get::List-Cleanup=0 -o DPkg::Lock::Timeout=300

# --- 5. Fetch, build, install ------------------------------------------------
# _apt must be able to write the download directory, or apt warns about
# fetching unsandboxed as root.
chmod 0755 "$workdir"
if [ "${#SUDO[@]}" -eq 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$workdir"; fi
(cd "$workdir" && apt-get source -q pgvector)
srcdir="$(find "$workdir" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
[ -n "$srcdir" ] || die "apt-get source pgvector produced no source directory."
log "building $(basename "$srcdir") for PostgreSQL ${PG_MAJOR}"

# OPTFLAGS="" drops pgvector's default -march=native, like the Debian package
# does, so the library also runs on a different CPU than the one it was built on.
make -C "$srcdir" -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" -j"$(nproc)"
"${SUDO[@]}" make -C "$srcdir" -s PG_CONFIG="$PG_CONFIG" OPTFLAGS="" install

# --- 6. Verify -----------------------------------------------------------------
has_vector || die "pgvector was installed into $("$PG_CONFIG" --sharedir) but the server at ${PGHOST}:${PGPORT} still does not list it (is that server PostgreSQL ${PG_MAJOR} on this machine?)."
log "vector $(q "select default_version from pg_available_extensions where name = 'vector'") is now available on ${PGHOST}:${PGPORT} (took $(( SECONDS - started ))s)."
