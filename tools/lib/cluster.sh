# PostgreSQL: the project's own cluster under .local/ (or an existing server
# named by PGHOST), its start and stop, psql and database helpers.

external_pg() { [ -n "${PGHOST:-}" ]; }

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    if [ -z "$dir" ] && command -v pg_ctl >/dev/null; then
        dir="$(dirname "$(command -v pg_ctl)")"
    fi
    [ -n "$dir" ] && [ -x "$dir/initdb" ] || die "PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's 'postgresql' package and run again."
    echo "$dir"
}

# As root the cluster runs as the postgres system user, which must reach it.
as_pg_owner() {
    if is_root; then
        (cd / && runuser -u postgres -- "$@")   # it may not enter the checkout
    else
        "$@"
    fi
}

# Where the cluster lives: .local/postgres, or, when the postgres user cannot
# reach the checkout (e.g. under /root), /var/lib/omnia_customer/<checkout id>
# with .local/postgres pointing there.
pg_base() {
    local base="$LOCAL/postgres"
    if [ -L "$base" ]; then
        readlink -f "$base"
        return 0
    fi
    if is_root && ! runuser -u postgres -- test -x "$LOCAL" 2>/dev/null \
            || [ "${#base}" -gt 90 ]; then
        local id
        id="$(echo "$ROOT" | sha1sum | cut -c1-12)"
        local target="/var/lib/omnia_customer/$id"
        mkdir -p "$target"
        ln -sfn "$target" "$base"
        echo "$target"
        return 0
    fi
    echo "$base"
}

pg_start() {
    external_pg && return 0
    local bin base data
    bin="$(pg_bin)"
    id postgres >/dev/null 2>&1 || ! is_root || die "the 'postgres' system user does not exist; install Debian's 'postgresql' package."
    base="$(pg_base)"
    data="$base/data"
    mkdir -p "$base"
    is_root && chown postgres: "$base" && chmod 700 "$base"
    # A cluster whose initdb was interrupted has no marker: start it anew.
    if [ ! -f "$base/.initialized" ]; then
        [ -d "$data" ] && say "removing the half-created cluster in $data"
        rm -rf "$data"
        say "creating the PostgreSQL cluster in $data"
        as_pg_owner "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 >"$base/initdb.log" 2>&1 \
            || die "initdb failed; see $base/initdb.log."
        touch "$base/.initialized"
    fi
    if ! as_pg_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        rm -f "$data/postmaster.pid"   # left by a killed server; pg_ctl status said none runs
        as_pg_owner "$bin/pg_ctl" -D "$data" -w -t 60 -l "$base/postgres.log" \
            -o "-k $base -c listen_addresses='' -p $PG_PORT -c fsync=${PG_FSYNC:-on}" start >/dev/null \
            || die "PostgreSQL did not start; see $base/postgres.log."
        PG_STARTED_HERE=1
    fi
    # Odoo refuses to connect as 'postgres': it uses its own role.
    if ! "$bin/psql" -h "$base" -p "$PG_PORT" -U postgres -d postgres -tAc \
            "SELECT 1 FROM pg_roles WHERE rolname='odoo'" | grep -q 1; then
        "$bin/psql" -h "$base" -p "$PG_PORT" -U postgres -d postgres -qc \
            "CREATE ROLE odoo LOGIN CREATEDB" >/dev/null
    fi
}

# At the end of a command: stop the cluster only if this command started it,
# so that a 'make test' does not stop the database under a running 'make run'.
pg_stop_if_started() {
    [ "${PG_STARTED_HERE:-0}" = 1 ] && pg_stop
    return 0
}

pg_stop() {
    external_pg && return 0
    local bin base
    bin="$(pg_bin)"
    base="$(pg_base)"
    [ -d "$base/data" ] || return 0
    as_pg_owner "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
}

# Connection settings for Odoo and psql.
pg_env() {
    if external_pg; then
        DB_HOST="$PGHOST"; DB_PORT="${PGPORT:-5432}"; DB_USER="${PGUSER:-$(id -un)}"
        DB_PASSWORD="${PGPASSWORD:-False}"
    else
        DB_HOST="$(pg_base)"; DB_PORT="$PG_PORT"; DB_USER=odoo; DB_PASSWORD=False
    fi
}

psql_run() {
    pg_env
    PGPASSWORD="${PGPASSWORD:-}" "$(pg_bin)/psql" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" \
        -d postgres -v ON_ERROR_STOP=1 "$@"
}

db_exists() {
    psql_run -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1
}

pg_running() {
    external_pg && return 0
    as_pg_owner "$(pg_bin)/pg_ctl" -D "$(pg_base)/data" status >/dev/null 2>&1
}

# Start the cluster for a command; stop it afterwards only if it was not
# running before (a 'make run' may be using it).
pg_start_for_command() {
    if pg_running; then
        trap - EXIT
    else
        pg_start
        trap pg_stop EXIT
    fi
}

drop_db() {
    psql_run -qc "DROP DATABASE IF EXISTS \"$1\"" >/dev/null 2>&1 || true
    rm -rf "$LOCAL/filestore/filestore/$1"
}

# Copy database $1 with its filestore to $2.
copy_db() {
    drop_db "$2"
    psql_run -qc "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    if [ -d "$LOCAL/filestore/filestore/$1" ]; then
        cp -a "$LOCAL/filestore/filestore/$1" "$LOCAL/filestore/filestore/$2"
    fi
}
