#!/usr/bin/env bash
# One command from a fresh checkout to a full test run:
#   bash scripts/test-all.sh
# Installs dependencies, makes sure Postgres (with pgvector) and Redis are
# there, generates the Prisma client and runs the whole Jest suite with
# coverage. Exits with Jest's exit code.
#
# Environment:
#   TEST_POSTGRES_URL  server the tests create their databases on
#                      (default postgresql://postgres@127.0.0.1:5432/postgres)
#   TEST_REDIS_URL     Redis the tests use (default: REDIS_URL, else redis://127.0.0.1:6379)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

started=$SECONDS
# Report the wall time however the run ends (success, test failure, or a setup step failing).
trap 'echo "test-all: wall time $(( SECONDS - started ))s"' EXIT

step() { echo; echo "==> $*"; }

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-${REDIS_URL:-redis://127.0.0.1:6379}}"

# 1. Dependencies exactly as locked (package-lock.json is kept complete for npm ci by
#    scripts/lockfile/complete-platform-entries.js). --prefer-offline uses the npm cache first.
step "npm ci"
npm ci --prefer-offline --no-audit --no-fund

# Split the URLs once with Node's URL parser (handles passwords, IPv6, defaults)
# into libpq's PG* variables, which psql and install-pgvector.sh read.
eval "$(node -e '
  const pg = new URL(process.env.TEST_POSTGRES_URL);
  const rd = new URL(process.env.TEST_REDIS_URL);
  const q = (s) => "\x27" + String(s).replace(/\x27/g, "\x27\\\x27\x27") + "\x27";
  const host = (u) => u.hostname.replace(/^\[|\]$/g, "");
  console.log([
    `export PGHOST=${q(host(pg) || "127.0.0.1")}`,
    `export PGPORT=${q(pg.port || "5432")}`,
    `export PGUSER=${q(decodeURIComponent(pg.username) || "postgres")}`,
    `export PGDATABASE=${q(decodeURIComponent(pg.pathname.slice(1)) || "postgres")}`,
    pg.password ? `export PGPASSWORD=${q(decodeURIComponent(pg.password))}` : "",
    `REDIS_HOST=${q(host(rd) || "127.0.0.1")}`,
    `REDIS_PORT=${q(rd.port || "6379")}`,
  ].join("\n"));
')"

# 2. Services. Check both before giving up so one run shows everything missing.
#    Redis is probed with a raw PING over bash's /dev/tcp, so no redis-cli is needed.
step "checking services"
services_ok=1
export PGCONNECT_TIMEOUT=5
if ! command -v psql >/dev/null 2>&1; then
  echo "Postgres: psql not found; install the PostgreSQL client (apt-get install postgresql-client)"
  services_ok=0
elif psql -X -q -t -A -c 'select 1' >/dev/null 2>&1; then
  echo "Postgres: reachable at ${PGHOST}:${PGPORT}"
else
  echo "Postgres: NOT reachable at ${PGHOST}:${PGPORT} as ${PGUSER} (TEST_POSTGRES_URL); start it, e.g. pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start, or docker compose up -d postgres"
  services_ok=0
fi
# Send PING, expect +PONG (-NOAUTH also proves a Redis server is listening).
# `timeout` bounds the connect so a firewalled host cannot hang the run.
redis_ping='exec 3<>"/dev/tcp/$0/$1" && printf "PING\r\n" >&3 && read -r -t 3 reply <&3 && [[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]'
if timeout 5 bash -c "$redis_ping" "$REDIS_HOST" "$REDIS_PORT" 2>/dev/null; then
  echo "Redis: reachable at ${REDIS_HOST}:${REDIS_PORT}"
else
  echo "Redis: NOT reachable at ${REDIS_HOST}:${REDIS_PORT} (TEST_REDIS_URL); start it, e.g. redis-server --daemonize yes, or docker compose up -d redis"
  services_ok=0
fi
[ "$services_ok" = 1 ] || exit 1

# 3. The schema uses the vector extension; this exits at once when it is already there.
step "pgvector"
bash scripts/install-pgvector.sh

# 3b. promtool, for the spec that lints the API's and the worker's /metrics; exits at once when present.
step "promtool"
bash scripts/install-promtool.sh

# 3c. shellcheck, for the spec that checks the workflows' shell steps; exits at once when present.
step "shellcheck"
bash scripts/install-shellcheck.sh

# 3d. A headless Chromium, for the spec that opens Swagger UI under the API's Content-Security-Policy.
step "chromium"
bash scripts/install-chromium.sh

# 4. The Prisma client is generated code (git-ignored), so it is built for every run.
step "prisma generate"
npm run prisma:generate

# 5. The suite itself. Keep Jest's exit code rather than stopping on it.
step "npm test"
set +e
npm test
rc=$?
set -e
echo
echo "test-all: jest exited with ${rc}"
exit "$rc"
