#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print the variables that point the
# tests at it. The server runs as the `postgres` user (PostgreSQL refuses to run as root), listens
# on 127.0.0.1 only, on its own port, with its data and socket in a fresh temporary directory.
#
#   eval "$(bash .ci/postgres.sh)"          # exports CHRONICLE_TEST_POSTGRES and CHRONICLE_PG_DATA
#   .venv/bin/pytest tests/store            # the postgres cases now run instead of skipping
#   bash .ci/postgres.sh stop "$CHRONICLE_PG_DATA"   # stop the server, remove its directory
#
# In a script: eval "$(bash .ci/postgres.sh)"; trap 'bash .ci/postgres.sh stop "$CHRONICLE_PG_DATA"' EXIT
#
# Only the `export` lines go to standard output; progress goes to standard error.
# Environment: CHRONICLE_PG_PORT (default 55432).
set -euo pipefail

PORT="${CHRONICLE_PG_PORT:-55432}"
DB=chronicle_test
ROLE=chronicle
PASSWORD=chronicle

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
    # The newest installed major version.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    elif [ "$(id -un)" = postgres ]; then
        "$@"
    else
        log "run this as root (it starts the server as the postgres user) or as postgres"
        exit 1
    fi
}

if [ "${1:-}" = stop ]; then
    DIR="${2:?usage: postgres.sh stop DATA_DIR}"
    BIN="$(find_bin)"
    as_postgres "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
    rm -rf "$DIR"
    log "stopped; removed $DIR"
    exit 0
fi

BIN="$(find_bin)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
    log "no PostgreSQL server binaries under /usr/lib/postgresql; installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    BIN="$(find_bin)"
fi
id postgres >/dev/null 2>&1 || { log "no postgres user after installing PostgreSQL"; exit 1; }

DIR="$(mktemp -d /tmp/chronicle-pg.XXXXXX)"
chown postgres: "$DIR"
chmod 700 "$DIR"
PWFILE="$DIR/pw"
echo "$PASSWORD" > "$PWFILE"   # password of the bootstrap superuser too; only this directory's owner can read it
chown postgres: "$PWFILE"

log "initdb in $DIR/data ($BIN)"
as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --auth=scram-sha-256 --pwfile="$PWFILE" \
    -E UTF8 --locale=C.UTF-8 >&2 || \
  as_postgres "$BIN/initdb" -D "$DIR/data" -U postgres --auth=scram-sha-256 --pwfile="$PWFILE" \
    -E UTF8 --locale=C >&2

log "starting on 127.0.0.1:$PORT"
as_postgres "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c full_page_writes=off" start >&2 || {
    log "the server did not start; its log:"; cat "$DIR/server.log" >&2 || true; exit 1; }

for _ in $(seq 1 60); do
    if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then break; fi
    sleep 0.5
done
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" || { log "not ready after 30 s"; exit 1; }

# The test role owns the test database and may create schemas in it (each test makes its own).
as_postgres env PGPASSWORD="$PASSWORD" "$BIN/psql" -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres >&2 <<SQL
CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD' CREATEDB;
CREATE DATABASE $DB OWNER $ROLE;
SQL

log "ready; stop it with: bash .ci/postgres.sh stop $DIR"
echo "export CHRONICLE_TEST_POSTGRES=postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
echo "export CHRONICLE_PG_DATA=$DIR"
